using System.Net;
using Cluster.BareServer.Options;
using Cluster.BareServer.Serving;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cluster.BareServer.Hosting;

/// <summary>Builds and runs the bare server: Kestrel, HTTP/2 only, on loopback; one gRPC service.</summary>
public static partial class BareServerApp
{
    /// <summary>The line printed once listening, followed by the address (the bench host reads it).</summary>
    public const string ListeningPrefix = "bare server listening on ";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(BareServerOptionsParser.Usage);
            return 0;
        }

        BareServerOptions options;
        try
        {
            options = BareServerOptionsParser.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine(BareServerOptionsParser.Usage);
            return 2;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, l => l.Protocols = HttpProtocols.Http2);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = grpc.MaxSendMessageSize = 256 * 1024 * 1024);
        builder.Services.AddSingleton(_ => new OnnxModel(options));

        var app = builder.Build();
        app.MapGrpcService<BareInferenceService>();
        var model = app.Services.GetRequiredService<OnnxModel>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        LogServing(app.Logger, model.Name, model.Version, address);
        Console.WriteLine(ListeningPrefix + address);
        await app.WaitForShutdownAsync();
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Serving model {Model} version {Version} on {Address}: one ONNX Runtime session, each request one Run.")]
    private static partial void LogServing(ILogger logger, string model, string version, string address);
}
