using Cluster.Gateway.Serving;
using Cluster.Grains.Quota;

namespace Cluster.Gateway.Quota;

/// <summary>
/// One tenant's quota as this gateway holds it: rate tokens, units and concurrency slots leased
/// from the tenant grain, spent locally. When something runs out the gateway leases more (one
/// lease in flight at a time); only when the tenant grain has nothing left is a request refused.
/// A background lease tops the stock up before it runs dry, so a steady stream makes no grain call.
/// A request waits for a lease at most <see cref="QuotaOptions.LeaseWait"/> (or until its caller
/// gives up): when the tenant grain does not answer (storage or silos down) the request is refused
/// with UNAVAILABLE <c>QUOTA_UNAVAILABLE</c>, while the lease goes on and serves later requests.
/// </summary>
public sealed class TenantQuotaGate(string tenantId, ITenantQuota grain, string gatewayId, QuotaOptions options, Metrics.TenantMetrics metrics, TimeProvider time)
{
    private readonly object _lock = new();
    private int _tokens;
    private long _units;
    private int _slots;
    private int _inFlight;
    private int _slotWaiters;
    private int _peakInFlight;
    private DateTimeOffset _leasedAt;
    private QuotaLease? _last;
    private bool _tokensShort;
    private bool _unitsShort;
    private bool _slotsShort;
    private Task? _leasing;

    public string TenantId { get; } = tenantId;

    /// <summary>Leases tried for one request before it is refused anyway (others keep taking what arrives).</summary>
    private const int MaxAttempts = 8;

    public async ValueTask<Admission> AdmitAsync(TenantLimits limits, long units, CancellationToken cancellationToken = default)
    {
        // A request that lacks a slot counts as a waiter until it is admitted or refused, so each
        // lease asks for every slot wanted at that moment (see StartLease).
        var waiting = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                Task? wait;
                lock (_lock)
                {
                    var missing = Missing(limits, units);
                    if (missing is null)
                    {
                        if (waiting) (_slotWaiters, waiting) = (_slotWaiters - 1, false);
                        if (limits.RatePerSecond > 0) _tokens--;
                        if (limits.DailyUnits > 0 || limits.MonthlyUnits > 0) _units -= units;
                        _inFlight++;
                        _peakInFlight = Math.Max(_peakInFlight, _inFlight);
                        if (LowOnStock(limits)) StartLease(limits, units, 0);
                        // Every admission is counted in flight and released, limited or not: a tenant
                        // that gets a concurrency limit later starts from the true count.
                        return new Admission(this);
                    }
                    // Refused only when the tenant itself had no more to give, not when concurrent
                    // requests here took what the last lease brought.
                    if (attempt > 0 && (Short(missing.Value) || attempt >= MaxAttempts)) throw Refusal(limits, missing.Value);
                    if (missing == Resource.Slots && !waiting) (_slotWaiters, waiting) = (_slotWaiters + 1, true);
                    wait = StartLease(limits, units, missing == Resource.Slots ? 1 : 0);
                }
                await WaitForLeaseAsync(wait, cancellationToken);
            }
        }
        finally
        {
            if (waiting) lock (_lock) _slotWaiters--;
        }
    }

    /// <summary>Waits for <paramref name="lease"/> at most <see cref="QuotaOptions.LeaseWait"/>; a lease that fails or is late refuses the request.</summary>
    private async Task WaitForLeaseAsync(Task lease, CancellationToken cancellationToken)
    {
        try
        {
            await lease.WaitAsync(options.LeaseWait, time, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw QuotaErrors.Unreachable(TenantId, options.LeaseWait);
        }
    }

    /// <summary>Ends an admitted request's hold on a concurrency slot.</summary>
    public void Release()
    {
        lock (_lock) _inFlight--;
    }

    /// <summary>Concurrency slots held beyond the recent peak, to hand back.</summary>
    public int TakeIdleSlots()
    {
        lock (_lock)
        {
            var spare = Math.Max(0, _slots - Math.Max(_inFlight, _peakInFlight));
            _slots -= spare;
            _peakInFlight = _inFlight;
            return spare;
        }
    }

    /// <summary>Everything unused, for the shutdown hand-back.</summary>
    public (int Tokens, long Units, int Slots, DateTimeOffset LeasedAt) TakeAll()
    {
        lock (_lock)
        {
            var all = (_tokens, _units, Math.Max(0, _slots - _inFlight), _leasedAt);
            (_tokens, _units) = (0, 0);
            _slots = Math.Min(_slots, _inFlight);
            return all;
        }
    }

    /// <summary>Concurrency slots this gateway holds for the tenant (the tenant grain expires them unless renewed).</summary>
    public int HeldSlots
    {
        get { lock (_lock) return _slots; }
    }

    /// <summary>Tells the tenant grain this gateway still holds its slots (an empty return).</summary>
    public Task RenewAsync() => grain.Return(gatewayId, 0, 0, 0, time.GetUtcNow());

    public Task ReturnAsync(int tokens, long units, int slots, DateTimeOffset leasedAt) =>
        tokens == 0 && units == 0 && slots == 0 ? Task.CompletedTask : grain.Return(gatewayId, tokens, units, slots, leasedAt);

    private Resource? Missing(TenantLimits limits, long units)
    {
        if (limits.Concurrency > 0 && _inFlight >= _slots) return Resource.Slots;
        if (limits.RatePerSecond > 0 && _tokens < 1) return Resource.Tokens;
        if ((limits.DailyUnits > 0 || limits.MonthlyUnits > 0) && _units < units) return Resource.Units;
        return null;
    }

    private bool Short(Resource resource) => resource switch
    {
        Resource.Slots => _slotsShort,
        Resource.Tokens => _tokensShort,
        _ => _unitsShort,
    };

    private bool LowOnStock(TenantLimits limits) => TokensLow(limits) || UnitsLow(limits, 1);

    /// <summary>The tenant has a rate and this gateway holds under half a chunk of its tokens.</summary>
    private bool TokensLow(TenantLimits limits) => limits.RatePerSecond > 0 && _tokens < Math.Max(1, TokenChunk(limits) / 2);

    /// <summary>The tenant has a volume limit and this gateway holds under half a chunk of its units, or fewer than a request of <paramref name="units"/> needs.</summary>
    private bool UnitsLow(TenantLimits limits, long units) =>
        (limits.DailyUnits > 0 || limits.MonthlyUnits > 0) && (_units < units || _units < UnitChunk(limits, units) / 2);

    /// <summary>
    /// Starts a lease unless one is in flight; either way returns the lease to wait for. Called
    /// under the lock. Slots are leased for every request waiting for one, not just this one: a
    /// burst after the idle slots went back is admitted by one lease, not one slot per round.
    /// Tokens and units are topped up only when low (under half a chunk) or short for this request:
    /// a lease for slots alone asks for no units, so it does not make the tenant grain write its
    /// record (leased units are durable), which with many tenants was a storage write per lease.
    /// </summary>
    private Task StartLease(TenantLimits limits, long units, int slots)
    {
        if (_leasing is { IsCompleted: false }) return _leasing;
        var request = new QuotaLeaseRequest(gatewayId,
            TokensLow(limits) ? Math.Max(0, TokenChunk(limits) - _tokens) : 0,
            UnitsLow(limits, units) ? Math.Max(0, UnitChunk(limits, units) - _units) : 0,
            limits.Concurrency > 0 ? Math.Max(slots, _inFlight + Math.Max(1, _slotWaiters) - _slots) : 0);
        return _leasing = LeaseAsync(request);
    }

    private async Task LeaseAsync(QuotaLeaseRequest request)
    {
        var lease = await grain.Lease(request);
        lock (_lock)
        {
            _tokens += lease.Tokens;
            _units += lease.Units;
            _slots += lease.Slots;
            _leasedAt = time.GetUtcNow();
            _last = lease;
            // What a lease did not ask for keeps what the last lease that asked said.
            if (request.Tokens > 0) _tokensShort = lease.Tokens < request.Tokens;
            if (request.Units > 0) _unitsShort = lease.Units < request.Units;
            if (request.Slots > 0) _slotsShort = lease.Slots < request.Slots;
        }
        metrics.Remaining(TenantId, lease.DailyRemaining, lease.MonthlyRemaining);
    }

    private int TokenChunk(TenantLimits limits) =>
        (int)Math.Clamp(Math.Ceiling(limits.RatePerSecond * options.TokenLeaseSeconds), 1, Math.Max(1, limits.BucketSize));

    private long UnitChunk(TenantLimits limits, long units)
    {
        var smaller = Math.Min(limits.DailyUnits > 0 ? limits.DailyUnits : long.MaxValue, limits.MonthlyUnits > 0 ? limits.MonthlyUnits : long.MaxValue);
        return Math.Max(units, Math.Min(options.MaxUnitLease, Math.Max(1, (long)(smaller * options.UnitLeaseFraction))));
    }

    private ServingException Refusal(TenantLimits limits, Resource missing)
    {
        var last = _last;
        return missing switch
        {
            Resource.Slots => QuotaErrors.Concurrency(TenantId, limits.Concurrency),
            Resource.Tokens => QuotaErrors.Rate(TenantId, limits.RatePerSecond, last?.RetryAfter is { } r && r > TimeSpan.Zero ? r : TimeSpan.FromSeconds(1 / limits.RatePerSecond)),
            _ => limits.DailyUnits > 0 && (last is null || last.DailyRemaining <= last.MonthlyRemaining)
                ? QuotaErrors.Volume(QuotaErrors.DailyQuotaExhausted, TenantId, "daily", limits.DailyUnits, last?.DayResetsAt ?? time.GetUtcNow())
                : QuotaErrors.Volume(QuotaErrors.MonthlyQuotaExhausted, TenantId, "monthly", limits.MonthlyUnits, last?.MonthResetsAt ?? time.GetUtcNow()),
        };
    }

    private enum Resource
    {
        Slots,
        Tokens,
        Units,
    }
}
