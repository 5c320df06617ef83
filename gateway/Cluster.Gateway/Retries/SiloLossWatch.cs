using System.Collections.Concurrent;
using Orleans.Metadata;

namespace Cluster.Gateway.Retries;

/// <summary>
/// Which silos have left the cluster, from the cluster manifest the gateway's Orleans client (or
/// the co-hosting silo) keeps current: a call in flight to a shard whose silo dies gets no answer
/// and no error from Orleans until its response timeout, so <see cref="WhenGone"/> gives each
/// attempt a token that is cancelled when the silo that last answered for its shard leaves the
/// manifest. A silo counts as gone when it was seen and then left, or when a later generation of
/// the same address is present (it was restarted: Orleans gives a new process a new generation);
/// a silo merely not yet in the manifest is not gone.
/// <para>
/// The manifest can be late: a starved cluster takes longer than a client's deadline to declare a
/// killed silo dead (its probes stretch their timeouts while the prober itself is starved). So the
/// watch also asks the operating system: when calls to a silo have been waiting for
/// <see cref="SuspectAfter"/> with no answer from it, it tries a TCP connect to that silo's port
/// every <see cref="CheckEvery"/> (<see cref="SiloPortProbe"/>), and a refused connect counts as
/// the silo leaving: nothing listens there, so no call sent to that process can be running.
/// </para>
/// </summary>
public sealed partial class SiloLossWatch(IClusterManifestProvider manifests, TimeProvider time, ILogger<SiloLossWatch> logger) : BackgroundService
{
    /// <summary>How long calls to a silo may wait with no answer from it before its port is probed.</summary>
    public static readonly TimeSpan SuspectAfter = TimeSpan.FromSeconds(1);

    /// <summary>How often waiting calls are checked (and a suspect silo probed).</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, SiloCalls> _calls = new(StringComparer.Ordinal);

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
        if (_departed.ContainsKey(silo) || Superseded(silo, Present)) return new CancellationToken(canceled: true);
        var source = _watched.GetOrAdd(silo, _ => new CancellationTokenSource());
        // A departure between the check and the add would be missed: look again.
        if (_departed.ContainsKey(silo) || Superseded(silo, Present)) source.Cancel();
        return source.Token;
    }

    /// <summary>
    /// Counts a call sent to <paramref name="silo"/> until <see cref="Answered"/> or
    /// <see cref="Unanswered"/>; null (nothing counted) for an unknown silo.
    /// </summary>
    public SiloCalls? Sent(string? silo)
    {
        if (string.IsNullOrEmpty(silo)) return null;
        var calls = _calls.GetOrAdd(silo, _ => new SiloCalls(time.GetTimestamp()));
        calls.Sent(time.GetTimestamp());
        return calls;
    }

    /// <summary>
    /// One pass of the stuck-call check: each silo with calls waiting and no answer for
    /// <see cref="SuspectAfter"/> has its port probed by <paramref name="refuses"/>; a refusal
    /// counts as that silo leaving the cluster. Returns the silos found gone.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckWaitingAsync(Func<string, CancellationToken, Task<bool>> refuses, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        List<string>? gone = null;
        foreach (var (silo, calls) in _calls)
        {
            if (_departed.ContainsKey(silo)) continue;
            if (!calls.Waiting(now, time, SuspectAfter)) continue;
            if (!await refuses(silo, cancellationToken)) continue;
            LogSiloRefuses(logger, silo);
            Depart(silo);
            (gone ??= []).Add(silo);
        }
        // A gone silo's counts are dropped once its last call ended (its identity never comes back).
        foreach (var (silo, calls) in _calls)
        {
            if (calls.Idle && _departed.ContainsKey(silo)) _calls.TryRemove(silo, out _);
        }
        return (IReadOnlyList<string>?)gone ?? [];
    }

    private static async Task<bool> RefusesAsync(string silo, CancellationToken cancellationToken) =>
        SiloPortProbe.TryEndpoint(silo, out var endpoint) && await SiloPortProbe.RefusesAsync(endpoint, cancellationToken);

    /// <summary>Silos in the current manifest, by their <c>RuntimeIdentity</c>.</summary>
    public IReadOnlyCollection<string> Present => Volatile.Read(ref _present);

    /// <summary>Applies one manifest: silos that were present and are not any more are gone.</summary>
    public void Observe(ClusterManifest manifest)
    {
        var now = new HashSet<string>(manifest.Silos.Keys.Select(s => s.ToString()), StringComparer.Ordinal);
        var before = Interlocked.Exchange(ref _present, now);
        if (!now.SetEquals(before)) LogManifest(logger, manifest.Version.ToString(), string.Join(", ", now));
        foreach (var silo in before.Concat(_watched.Keys).Distinct(StringComparer.Ordinal))
        {
            if (now.Contains(silo)) continue;
            if (!before.Contains(silo) && !Superseded(silo, now)) continue;
            if (Depart(silo)) LogSiloLeft(logger, silo);
        }
    }

    /// <summary>Marks <paramref name="silo"/> gone and cancels the calls watching it; false when it already was.</summary>
    private bool Depart(string silo)
    {
        if (!_departed.TryAdd(silo, 0)) return false;
        _departedOrder.Enqueue(silo);
        if (_watched.TryRemove(silo, out var source)) source.Cancel();
        while (_departedOrder.Count > RememberedDeparted && _departedOrder.TryDequeue(out var old)) _departed.TryRemove(old, out _);
        return true;
    }

    /// <summary>
    /// Whether a later generation of <paramref name="silo"/>'s address (<c>S10.0.0.5:11111:GENERATION</c>)
    /// is among <paramref name="present"/>: the process at that address was replaced.
    /// </summary>
    public static bool Superseded(string silo, IEnumerable<string> present)
    {
        if (!TrySplit(silo, out var address, out var generation)) return false;
        foreach (var other in present)
        {
            if (TrySplit(other, out var otherAddress, out var otherGeneration) && otherGeneration > generation
                && string.Equals(otherAddress, address, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static bool TrySplit(string silo, out string address, out long generation)
    {
        var colon = silo.LastIndexOf(':');
        address = colon > 0 ? silo[..colon] : "";
        generation = 0;
        return colon > 0 && long.TryParse(silo.AsSpan(colon + 1), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out generation);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(FollowManifestAsync(stoppingToken), CheckWaitingLoopAsync(stoppingToken));

    private async Task FollowManifestAsync(CancellationToken stoppingToken)
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

    private async Task CheckWaitingLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(CheckEvery, time, stoppingToken);
                try
                {
                    await CheckWaitingAsync(RefusesAsync, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 513, Level = LogLevel.Debug, Message = "Cluster manifest {Version}: silos {Silos}")]
    private static partial void LogManifest(ILogger logger, string version, string silos);

    [LoggerMessage(EventId = 515, Level = LogLevel.Information, Message = "Silo {Silo} refuses connections while calls to it wait (the cluster has not declared it dead yet); calls in flight to its shards are sent again")]
    private static partial void LogSiloRefuses(ILogger logger, string silo);

    [LoggerMessage(EventId = 516, Level = LogLevel.Warning, Message = "Checking the calls waiting on silos failed: {Error}")]
    private static partial void LogCheckFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 512, Level = LogLevel.Information, Message = "Silo {Silo} left the cluster; calls in flight to its shards are sent again")]
    private static partial void LogSiloLeft(ILogger logger, string silo);
}
