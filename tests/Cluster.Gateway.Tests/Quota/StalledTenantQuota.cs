using Cluster.Grains.Quota;

namespace Cluster.Gateway.Tests.Quota;

/// <summary>
/// A tenant grain whose storage stops answering: the first lease is granted at once, every later
/// one waits until the test resumes storage (<see cref="Resume"/>), or fails with what
/// <see cref="FailWith"/> names.
/// </summary>
internal sealed class StalledTenantQuota : ITenantQuota
{
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _leases;

    public int Leases => Volatile.Read(ref _leases);

    /// <summary>When set, a stalled lease fails with this instead of waiting.</summary>
    public Exception? FailWith { get; set; }

    public void Resume() => _resumed.TrySetResult();

    public async Task<QuotaLease> Lease(QuotaLeaseRequest request)
    {
        if (Interlocked.Increment(ref _leases) > 1)
        {
            if (FailWith is { } failure) throw failure;
            await _resumed.Task;
        }
        var far = DateTimeOffset.UnixEpoch.AddYears(100);
        return new QuotaLease(request.Tokens, request.Units, request.Slots, TimeSpan.Zero, far, far, long.MaxValue, long.MaxValue, TenantLimits.None);
    }

    public Task Return(string gatewayId, int tokens, long units, int slots, DateTimeOffset leasedAt) => Task.CompletedTask;
}
