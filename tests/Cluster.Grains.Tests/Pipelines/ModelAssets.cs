using System.Diagnostics;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Pipelines;

/// <summary>
/// Makes sure the extracted all-MiniLM-L6-v2 files are in the shipped repository (a clean clone
/// has only its config): runs tools/scripts/extract-models.sh, which returns at once when the
/// files are there and intact, and otherwise builds and runs tools/Cluster.ModelAssets.
/// </summary>
public static class ModelAssets
{
    private static readonly Lazy<string> s_models = new(Extract);

    /// <summary>The shipped repository, with minilm-l6-v2 extracted.</summary>
    public static string Repository => s_models.Value;

    private static string Extract()
    {
        var script = Path.Combine(RepoPaths.Root, "tools", "scripts", "extract-models.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, RepoPaths.Models])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("extract-models.sh did not finish within 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"extract-models.sh failed ({process.ExitCode}): {output.Result}{error.Result}");
        return RepoPaths.Models;
    }
}
