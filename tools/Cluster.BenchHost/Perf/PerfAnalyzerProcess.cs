using System.Diagnostics;
using Cluster.BenchHost.Hosting;
using Cluster.BenchHost.Options;

namespace Cluster.BenchHost.Perf;

/// <summary>
/// Runs the perf analyzer as its own process (its own GC and thread pool, as a real client would
/// be) against the two gateways, with the output going straight to this console.
/// </summary>
public static class PerfAnalyzerProcess
{
    public const string GovernedLabel = "governed";
    public const string UngovernedLabel = "ungoverned";

    /// <summary>The arguments that point the perf analyzer at the bench cluster; the caller's follow and may override them.</summary>
    public static IReadOnlyList<string> Arguments(GatewayHost governed, GatewayHost ungoverned, BenchHostOptions options) =>
    [
        "--endpoint", governed.GrpcEndpoint.ToString(), "--key-file", options.KeyFile, "--label", governed.Name,
        "--compare-endpoint", ungoverned.GrpcEndpoint.ToString(), "--compare-label", ungoverned.Name,
        "--no-baseline", "--repository", options.Models,
        .. options.PerfArguments ?? [],
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, BenchHostOptions options, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost(), ["exec", options.PerfAnalyzer, .. arguments])
        {
            UseShellExecute = false,
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };
        Console.Error.WriteLine($"running: dotnet {options.PerfAnalyzer} {string.Join(' ', arguments)}");
        using var process = Process.Start(start) ?? throw new BenchSetupException($"could not start the perf analyzer '{options.PerfAnalyzer}'.");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        return process.ExitCode;
    }

    /// <summary>The dotnet host running this program (set by the CLI as DOTNET_HOST_PATH), else <c>dotnet</c> on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
