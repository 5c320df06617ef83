using Cluster.Grains.Quota;

namespace Cluster.Gateway.Tests.Quota;

/// <summary>
/// A tenant's quota for logic tests: grants what is asked up to its concurrency limit, records
/// each request, and holds the first lease until the test opens it, so a burst can queue on it.
/// </summary>
internal sealed class ManualTenantQuota(int concurrency) : ITenantQuota
{
    private readonly TaskCompletionSource _firstLease = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _slotsHeld;

    public List<QuotaLeaseRequest> Requests { get; } = [];

    /// <summary>Concurrency slots leased and not yet returned.</summary>
    public int SlotsHeld
    {
        get { lock (Requests) return _slotsHeld; }
    }

    public void OpenFirstLease() => _firstLease.TrySetResult();

    public async Task<QuotaLease> Lease(QuotaLeaseRequest request)
    {
        bool first;
        lock (Requests)
        {
            first = Requests.Count == 0;
            Requests.Add(request);
        }
        if (first) await _firstLease.Task;
        else await Task.Yield();
        int slots;
        lock (Requests)
        {
            slots = Math.Min(request.Slots, concurrency - _slotsHeld);
            _slotsHeld += slots;
        }
        var far = DateTimeOffset.UnixEpoch.AddYears(100);
        return new QuotaLease(request.Tokens, request.Units, slots, TimeSpan.Zero, far, far, long.MaxValue, long.MaxValue,
            new TenantLimits(0, 0, concurrency, 0, 0));
    }

    public Task Return(string gatewayId, int tokens, long units, int slots, DateTimeOffset leasedAt)
    {
        lock (Requests) _slotsHeld -= slots;
        return Task.CompletedTask;
    }
}
