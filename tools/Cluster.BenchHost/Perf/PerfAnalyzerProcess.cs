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
    public static IReadOnlyList<string> Arguments(GatewayHost governed, GatewayHost ungoverned, BenchHostOptions options, IReadOnlyList<string>? cpu = null) =>
        Arguments(governed.GrpcEndpoint, governed.Name, ungoverned.GrpcEndpoint, ungoverned.Name, options, cpu);

    /// <summary>The same for any two endpoints (a gateway, the bare server), the primary taking the tenant key.</summary>
    public static IReadOnlyList<string> Arguments(Uri primary, string primaryLabel, Uri compare, string compareLabel, BenchHostOptions options,
        IReadOnlyList<string>? cpu = null) =>
    [
        "--model", options.Model,
        "--endpoint", primary.ToString(), "--key-file", options.KeyFile, "--label", primaryLabel,
        "--compare-endpoint", compare.ToString(), "--compare-label", compareLabel,
        .. options.CompareModel is { } compareModel ? new[] { "--compare-model", compareModel } : [],
        "--no-baseline", "--repository", options.Models,
        .. cpu ?? [],
        .. options.PerfArguments ?? [],
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments, BenchHostOptions options, CancellationToken cancellationToken)
    {
        var start = DotnetHost.StartInfo(options.PerfAnalyzer, arguments);
        start.UseShellExecute = false;
        start.WorkingDirectory = Directory.GetCurrentDirectory();
        Console.Error.WriteLine($"running: {options.PerfAnalyzer} {string.Join(' ', arguments)}");
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
}
