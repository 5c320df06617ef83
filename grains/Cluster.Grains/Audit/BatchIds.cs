using System.Globalization;

namespace Cluster.Grains.Audit;

/// <summary>
/// Batch ids as gateways make them: the gateway's id (its source), a dash and a counter that only
/// grows. A source appends to each chain in counter order, so a chain that holds counter N of a
/// source holds every earlier one of that source too.
/// </summary>
internal static class BatchIds
{
    /// <summary>Splits <paramref name="id"/> at its last dash into source and counter; false when it has no numeric counter.</summary>
    public static bool TryParse(string id, out string source, out long counter)
    {
        var dash = id.LastIndexOf('-');
        source = dash > 0 ? id[..dash] : "";
        counter = 0;
        return dash > 0 && dash < id.Length - 1 && id.AsSpan(dash + 1).ContainsOnlyDigits()
            && long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out counter);
    }

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> s) => !s.ContainsAnyExceptInRange('0', '9');
}
