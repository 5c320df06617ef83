using System.Buffers;

namespace Cluster.Grains.Storage;

/// <summary>
/// A gateway's id as it names stored rows (its journal's partition, its usage totals' row keys): 1
/// to 128 characters, none of those a table key refuses ('/', '\', '#', '?', control characters) nor
/// the row keys' own separator '|'.
/// </summary>
internal static class SourceIds
{
    public const int MaxLength = 128;

    private static readonly SearchValues<char> Refused = SearchValues.Create("/\\#?|");

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.AsSpan().ContainsAny(Refused) && !id.Any(char.IsControl);

    public const string Rule = "1 to 128 characters without '/', '\\', '#', '?', '|' or control characters";
}
