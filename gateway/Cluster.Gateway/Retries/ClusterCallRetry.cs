namespace Cluster.Gateway.Retries;

/// <summary>
/// Sends a governance fetch (a key's or tenant's grain) again when it failed because the grain's
/// silo died or its activation was moving (<see cref="ShardRetryRule.MayRetry(Exception)"/>: the
/// call reached no live activation, and a fetch only reads), after a pause doubling from 20 ms to
/// 250 ms, for at most <see cref="MaxWait"/>. While a killed silo is not yet declared dead, its
/// grains' calls are refused at once; without this every request whose key was due for a refresh
/// was answered UNAVAILABLE until the grains came back on a survivor (docs/resilience.md).
/// </summary>
public static class ClusterCallRetry
{
    /// <summary>How long a fetch keeps being sent again (a client's deadline is usually shorter).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(Func<Task<T>> fetch, TimeProvider time)
    {
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await fetch();
            }
            catch (Exception ex) when (ShardRetryRule.MayRetry(ex) && time.GetElapsedTime(started) < MaxWait)
            {
                await Task.Delay(Pause(attempt), time);
            }
        }
    }

    /// <summary>The pause before attempt <paramref name="attempt"/> + 1: 20 ms doubling, at most 250 ms.</summary>
    public static TimeSpan Pause(int attempt) => TimeSpan.FromMilliseconds(Math.Min(250, 20 * Math.Pow(2, Math.Min(attempt - 1, 10))));
}
