using System.Security.Cryptography;

namespace Cluster.ModelAssets.Extraction;

/// <summary>
/// Writes a source's assets into the repository. A file already present with the resource's
/// SHA-256 is left alone; any other is replaced atomically (written beside it, then renamed), so
/// a reader never sees half a model. Each model folder then gets a <c>.sha256sums</c> file in
/// <c>sha256sum</c> format, which lets scripts check the files without starting .NET.
/// </summary>
public static class AssetExtractor
{
    public const string SumsFileName = ".sha256sums";

    public sealed record class Result(string RelativePath, bool Written, long Bytes, string Sha256);

    public static IReadOnlyList<Result> Extract(AssetSource source, string repository)
    {
        var results = new List<(EmbeddedAsset Asset, Result Result)>();
        foreach (var asset in source.Assets)
            results.Add((asset, ExtractOne(source, asset, repository)));
        foreach (var model in results.GroupBy(r => r.Asset.Model))
        {
            var lines = model.Select(r => $"{r.Result.Sha256}  {r.Asset.RelativePath}\n");
            WriteAtomically(Path.Combine(repository, model.Key, SumsFileName), stream =>
            {
                using var writer = new StreamWriter(stream);
                foreach (var line in lines) writer.Write(line);
            });
        }
        return results.Select(r => r.Result).ToArray();
    }

    private static Result ExtractOne(AssetSource source, EmbeddedAsset asset, string repository)
    {
        var relative = Path.Combine(asset.Model, asset.RelativePath.Replace('/', Path.DirectorySeparatorChar));
        var target = Path.Combine(repository, relative);
        using var resource = source.Assembly.GetManifestResourceStream(asset.ResourceName)
            ?? throw new AssetException($"'{source.AssemblyPath}' has no resource '{asset.ResourceName}'.");
        var sha = Convert.ToHexStringLower(SHA256.HashData(resource));
        var bytes = resource.Length;
        if (File.Exists(target) && new FileInfo(target).Length == bytes && Sha256Of(target) == sha)
            return new Result(relative, Written: false, bytes, sha);

        resource.Position = 0;
        WriteAtomically(target, resource.CopyTo);
        return new Result(relative, Written: true, bytes, sha);
    }

    private static void WriteAtomically(string target, Action<Stream> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                write(stream);
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new AssetException($"cannot write '{target}': {ex.Message}", ex);
        }
    }

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
