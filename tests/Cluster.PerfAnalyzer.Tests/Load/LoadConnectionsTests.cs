using System.Net;
using Cluster.PerfAnalyzer.Inputs;
using Cluster.PerfAnalyzer.Load;
using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Repository;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.PerfAnalyzer.Tests.Load;

/// <summary>
/// <c>--connections</c> against a real HTTP/2 server on loopback that answers ModelInfer with an
/// empty gRPC message and records which connection each call came on.
/// </summary>
public sealed class LoadConnectionsTests : IAsyncLifetime
{
    private readonly HashSet<string> _connections = [];
    private WebApplication? _server;
    private Uri? _endpoint;
    private string? _repository;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2);
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        _server = builder.Build();
        _server.MapPost("/inference.GRPCInferenceService/ModelInfer", async context =>
        {
            lock (_connections) _connections.Add(context.Connection.Id);
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "0");
            await context.Response.Body.WriteAsync(new byte[5]); // an empty message: not compressed, length 0
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(address);

        _repository = Directory.CreateTempSubdirectory("perf-connections-").FullName;
        Directory.CreateDirectory(Path.Combine(_repository, "m"));
        await File.WriteAllTextAsync(Path.Combine(_repository, "m", ModelArtifactLocator.ConfigFileName),
            """{ "name": "m", "max_batch_size": 0, "input": [ { "name": "x", "data_type": "TYPE_FP32", "dims": [4] } ], "output": [ { "name": "y", "data_type": "TYPE_FP32", "dims": [4] } ] }""");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        if (_repository is not null) Directory.Delete(_repository, recursive: true);
    }

    private async Task<(int Connections, long Succeeded)> LoadAsync(int connections, int callers)
    {
        var options = new PerfOptions
        {
            Model = "m",
            Endpoint = _endpoint!,
            Connections = connections,
            Warmup = TimeSpan.Zero,
            Measure = TimeSpan.FromMilliseconds(300),
        };
        var inputs = ModelInputs.Build(ModelArtifactLocator.Locate(_repository!, "m", null, requireOnnx: false), options);
        using var load = new GrpcLoadGenerator(options, inputs, apiKey: null);
        var result = await load.RunAsync(LoadLevel.Closed(callers));
        Assert.Empty(result.AllCalls!.Failed);
        lock (_connections) return (_connections.Count, result.AllCalls.Succeeded);
    }

    [Fact]
    public async Task CallersShareOneConnectionByDefault()
    {
        var (connections, succeeded) = await LoadAsync(connections: 1, callers: 8);

        Assert.True(succeeded > 0);
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task CallersSpreadOverTheConnectionsAskedFor()
    {
        var (connections, succeeded) = await LoadAsync(connections: 4, callers: 8);

        Assert.True(succeeded > 0);
        Assert.Equal(4, connections);
    }

    [Fact]
    public async Task MoreConnectionsThanCallersOpenOnlyThoseTheCallersUse()
    {
        var (connections, _) = await LoadAsync(connections: 8, callers: 3);

        Assert.Equal(3, connections);
    }
}
