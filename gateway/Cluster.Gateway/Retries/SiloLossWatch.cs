using System.Collections.Concurrent;
using Orleans.Metadata;

namespace Cluster.Gateway.Retries;

/// <summary>
/// Which silos have left the cluster, from the cluster manifest the gateway's Orleans client (or
/// the co-hosting silo) keeps current: a call in flight to a shard whose silo dies gets no answer
/// and no error from Orleans until its response timeout, so <see cref="WhenGone"/> gives each
/// attempt a token that is cancelled when the silo that last answered for its shard leaves the
/// manifest. Only a silo seen and then gone counts as gone (a silo not yet in the manifest is not).
/// </summary>
public sealed partial class SiloLossWatch(IClusterManifestProvider manifests, ILogger<SiloLossWatch> logger) : BackgroundService
{
    /// <summary>Silos that left, remembered (at most this many) so a late <see cref="WhenGone"/> is cancelled at once.</summary>
    public const int RememberedDeparted = 256;

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _departed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _departedOrder = new();
    private HashSet<string> _present = new(StringComparer.Ordinal);

    /// <summary>A token cancelled when <paramref name="silo"/> (a grain's <c>RuntimeIdentity</c>) leaves the cluster; none for an unknown silo.</summary>
    public CancellationToken WhenGone(string? silo)
    {
        if (string.IsNullOrEmpty(silo)) return CancellationToken.None;
        if (_departed.ContainsKey(silo)) return new CancellationToken(canceled: true);
        var source = _watched.GetOrAdd(silo, _ => new CancellationTokenSource());
        // A departure between the check and the add would be missed: look again.
        if (_departed.ContainsKey(silo)) source.Cancel();
        return source.Token;
    }

    /// <summary>Silos in the current manifest, by their <c>RuntimeIdentity</c>.</summary>
    public IReadOnlyCollection<string> Present => Volatile.Read(ref _present);

    /// <summary>Applies one manifest: silos that were present and are not any more are gone.</summary>
    public void Observe(ClusterManifest manifest)
    {
        var now = new HashSet<string>(manifest.Silos.Keys.Select(s => s.ToString()), StringComparer.Ordinal);
        var before = Interlocked.Exchange(ref _present, now);
        if (!now.SetEquals(before)) LogManifest(logger, manifest.Version.ToString(), string.Join(", ", now));
        foreach (var silo in before)
        {
            if (now.Contains(silo) || !_departed.TryAdd(silo, 0)) continue;
            _departedOrder.Enqueue(silo);
            LogSiloLeft(logger, silo);
            if (_watched.TryRemove(silo, out var source)) source.Cancel();
        }
        while (_departedOrder.Count > RememberedDeparted && _departedOrder.TryDequeue(out var old)) _departed.TryRemove(old, out _);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Observe(manifests.Current);
        try
        {
            await foreach (var manifest in manifests.Updates.WithCancellation(stoppingToken)) Observe(manifest);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 513, Level = LogLevel.Debug, Message = "Cluster manifest {Version}: silos {Silos}")]
    private static partial void LogManifest(ILogger logger, string version, string silos);

    [LoggerMessage(EventId = 512, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster; calls in flight to its shards are sent again")]
    private static partial void LogSiloLeft(ILogger logger, string silo);
}
