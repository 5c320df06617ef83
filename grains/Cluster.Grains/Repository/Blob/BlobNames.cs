using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Cluster.Grains.Repository.Blob;

/// <summary>
/// Maps a blob name to a path inside the cache folder, refusing any name that could write outside
/// it or collide with the cache's own files: every <c>/</c>-separated segment must match
/// <c>[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}</c> (so no empty segment, no leading <c>/</c>, no
/// <c>.</c> or <c>..</c>, no hidden names, no backslash, colon or control character).
/// </summary>
public static partial class BlobNames
{
    public const int MaxLength = 1024;
    public const int MaxSegments = 16;

    /// <summary>The cache-relative path of <paramref name="blobName"/>, or the reason it is refused.</summary>
    public static bool TryRelativePath(string blobName, [NotNullWhen(true)] out string? relativePath, out string reason)
    {
        relativePath = null;
        reason = "";
        if (blobName.Length is 0 or > MaxLength)
        {
            reason = $"the name is empty or longer than {MaxLength} characters.";
            return false;
        }
        var segments = blobName.Split('/');
        if (segments.Length > MaxSegments)
        {
            reason = $"the name has more than {MaxSegments} segments.";
            return false;
        }
        foreach (var segment in segments)
        {
            if (!SegmentPattern().IsMatch(segment))
            {
                reason = segment.Length == 0
                    ? "the name has an empty segment (a leading, trailing or doubled '/')."
                    : $"segment '{Printable(segment)}' is not [A-Za-z0-9_-][A-Za-z0-9._-]{{0,254}} (no '.', '..', hidden names or special characters).";
                return false;
            }
        }
        relativePath = Path.Combine(segments);
        return true;
    }

    /// <summary>
    /// The full path of <paramref name="relativePath"/> under <paramref name="cacheFolder"/>;
    /// throws when it would leave the folder (a second guard behind <see cref="TryRelativePath"/>).
    /// </summary>
    public static string FullPath(string cacheFolder, string relativePath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(cacheFolder)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{relativePath}' resolves outside the cache folder.");
        return full;
    }

    private static string Printable(string segment) =>
        new(segment.Select(c => char.IsControl(c) ? '?' : c).Take(64).ToArray());

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex SegmentPattern();
}
