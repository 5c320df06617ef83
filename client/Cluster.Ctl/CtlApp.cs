using Cluster.Client;
using Cluster.Client.Errors;
using Cluster.Client.Tensors;
using Cluster.Ctl.Commands;
using Cluster.Ctl.CommandLine;
using Cluster.Ctl.Output;
using Grpc.Core;

namespace Cluster.Ctl;

/// <summary>
/// clusterctl end to end: parse, make the client, run the command, print text or JSON on stdout.
/// Any failure is one line on stderr, <c>error: ...</c>, and exit code 1 (the server or the
/// network) or 2 (the command line). A check that finds a problem (<c>audit verify</c>) prints its
/// answer on stdout and exits 3.
/// </summary>
public sealed class CtlApp(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Func<ClusterClientOptions, ClusterClient>? clientFactory = null)
{
    private readonly Func<ClusterClientOptions, ClusterClient> _clientFactory = clientFactory ?? (options => new ClusterClient(options));

    /// <summary>Runs against the real console and environment; Ctrl-C cancels the call.</summary>
    public static async Task<int> RunConsoleAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await new CtlApp(Console.Out, Console.Error, Environment.GetEnvironmentVariable).RunAsync(args, cancellation.Token).ConfigureAwait(false);
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        Uri? endpoint = null;
        try
        {
            var invocation = CommandLineParser.Parse(args, CommandTable.All);
            if (invocation.IsHelp)
            {
                UsageText.Write(stdout, CommandTable.All, invocation.HelpTopic!);
                return ExitCodes.Ok;
            }
            var options = ClientOptions(invocation.Globals);
            endpoint = options.Endpoint;
            using var client = _clientFactory(options);
            var result = await invocation.Bound!.RunAsync(client, cancellationToken).ConfigureAwait(false);
            if (invocation.Globals.Json) JsonOutput.Write(stdout, result.ToJson());
            else result.WriteText(stdout);
            return result.ExitCode;
        }
        catch (UsageException e)
        {
            return Fail(e.Line, ExitCodes.Usage);
        }
        catch (RpcException e)
        {
            var line = ClusterClientException.From(e).Message;
            // The call never reached a server: say which address was tried.
            if (e.StatusCode == StatusCode.Unavailable && e.Status.DebugException is not null) line += $" [endpoint {endpoint?.ToString().TrimEnd('/')}]";
            return Fail(line, ExitCodes.ServerError);
        }
        catch (TensorFormatException e)
        {
            return Fail($"the server's response is malformed: {e.Message}", ExitCodes.ServerError);
        }
    }

    private ClusterClientOptions ClientOptions(GlobalOptions globals)
    {
        var options = new ClusterClientOptions { ApiKey = ApiKeySource.Resolve(globals, environment) };
        if (globals.Endpoint is { } endpoint) options.Endpoint = ParseEndpoint(endpoint);
        if (globals.Timeout is { } timeout) options.Timeout = ValueParsers.Seconds("--timeout", timeout);
        options.HttpHandler = TlsHandler.Create(globals);
        if (ClusterClientOptionsValidator.Validate(options) is [var first, ..]) throw new UsageException(first);
        return options;
    }

    // host:port means http://host:port, as Triton's and KServe's clients take it.
    private static Uri ParseEndpoint(string text)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            throw new UsageException($"--endpoint '{text}' is not an http:// or https:// URL (or host:port)");
        return uri;
    }

    private int Fail(string line, int exitCode)
    {
        stderr.WriteLine("error: " + line);
        return exitCode;
    }
}
