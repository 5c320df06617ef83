using Cluster.Ctl;
using Cluster.Ctl.Commands;
using Cluster.Ctl.CommandLine;

namespace Cluster.Client.Tests.Infrastructure;

/// <summary>Runs clusterctl in process with captured stdout/stderr, an empty environment and, optionally, a fake server.</summary>
public static class ClusterCtl
{
    public static CtlRun Run(params string[] args) => Run(handler: null, environment: null, args);

    public static CtlRun Run(FakeGrpcHandler? handler, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new CtlApp(
            stdout,
            stderr,
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            handler is null ? null : options =>
            {
                options.HttpHandler = handler;
                return new ClusterClient(options);
            });
        var exitCode = Task.Run(() => app.RunAsync(args)).GetAwaiter().GetResult();
        return new CtlRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Parses and binds without running: the request the command would send.</summary>
    public static T Request<T>(params string[] args) => (T)CommandLineParser.Parse(args, CommandTable.All).Bound!.Request;

    /// <summary>The one-line usage error a command line produces (asserting exit code 2 and nothing on stdout).</summary>
    public static string UsageError(params string[] args)
    {
        var run = Run(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.EndsWith("\n", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        return run.Stderr.TrimEnd('\n');
    }
}
