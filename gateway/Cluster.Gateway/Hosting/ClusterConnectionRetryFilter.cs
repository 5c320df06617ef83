namespace Cluster.Gateway.Hosting;

/// <summary>
/// Keeps the gateway's cluster client trying to connect, one attempt a second on the injected
/// <see cref="TimeProvider"/>, until the host stops: a gateway may start before any silo.
/// </summary>
public sealed class ClusterConnectionRetryFilter(TimeProvider time) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        await Task.Delay(RetryDelay, time, cancellationToken);
        return true;
    }
}
