namespace Cluster.Grains.Journal;

/// <summary>
/// Replays abandoned gateway journals (<see cref="IGatewayJournalGrain"/>) into the tenants' audit
/// chains and usage rows, then deletes them (key: 0; every silo asks it to sweep now and then). A
/// journal is abandoned when its newest entry is older than the sweep's threshold. Replay is safe
/// even when the gateway is alive after all (cut off from storage for a while): chains skip cuts
/// they hold and usage totals only replace older ones, so nothing is stored twice.
/// </summary>
[Alias("cluster.IJournalRecoveryGrain")]
public interface IJournalRecoveryGrain : IGrainWithIntegerKey
{
    /// <summary>Replays every journal whose newest entry is older than <paramref name="staleAfter"/>.</summary>
    [Alias("Sweep")]
    Task<JournalReplay> Sweep(TimeSpan staleAfter);
}
