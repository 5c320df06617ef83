using System.Collections.Concurrent;
using Grpc.Core;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Counts failed calls by status and detail, so a report says why calls failed and not only how
/// many: the gateway's status message, or for a failure in the client's transport the chain of
/// exception messages under it. Details are cluster and transport texts (never tensor contents);
/// past <see cref="MaxDistinct"/> distinct texts the rest count under "(other)".
/// </summary>
public sealed class FailureDetailLog
{
    public const int MaxDistinct = 20;

    private const int MaxDetailLength = 300;

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string status, RpcException exception) =>
        Record(status, Describe(exception.Status.Detail, exception.Status.DebugException ?? exception.InnerException));

    public void Record(string status, Exception exception) => Record(status, Describe(exception.Message, exception.InnerException));

    private void Record(string status, string detail)
    {
        var key = $"{status}: {detail}";
        if (!_counts.ContainsKey(key) && _counts.Count >= MaxDistinct) key = $"{status}: (other)";
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public IReadOnlyDictionary<string, long> Snapshot() => _counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string Describe(string detail, Exception? inner)
    {
        var text = detail;
        for (var e = inner; e is not null && text.Length < MaxDetailLength; e = e.InnerException)
        {
            if (!text.Contains(e.Message, StringComparison.Ordinal)) text += $" <- {e.GetType().Name}: {e.Message}";
        }

        return text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];
    }
}
