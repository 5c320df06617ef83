using Cluster.Grains.Quota;
using Cluster.Grains.Tenancy;

namespace Cluster.Grains.Quota;

/// <summary>
/// A tenant's quota arithmetic, owned by its tenant grain: a token bucket for the rate (in memory;
/// full after an activation), concurrency slots per gateway (in memory), and unit counters per
/// UTC day and month (durable, in the tenant record). Leased units count as used until returned.
/// Slots are held by a gateway only while it keeps in touch: every lease and return (gateways send
/// an empty return as a renewal each second while they hold slots) renews its hold, and the slots
/// of a gateway silent for <see cref="SlotLeaseTtl"/> (killed, partitioned) go back to the tenant.
/// </summary>
internal sealed class QuotaLedger(TimeProvider time)
{
    /// <summary>How long a silent gateway's concurrency slots stay held.</summary>
    public static readonly TimeSpan SlotLeaseTtl = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, SlotHold> _slots = new(StringComparer.Ordinal);
    private double _tokens = double.NaN;
    private DateTimeOffset _refilledAt;

    /// <summary>Grants what it can; returns whether the durable counters changed.</summary>
    public (QuotaLease Lease, bool UnitsChanged) Lease(TenantLimits limits, TenantRecord record, QuotaLeaseRequest request)
    {
        var now = time.GetUtcNow();
        Roll(record, now);
        var (dayReset, monthReset) = Resets(now);

        var tokens = 0;
        var retry = TimeSpan.Zero;
        if (limits.RatePerSecond > 0 && request.Tokens > 0)
        {
            Refill(limits, now);
            tokens = (int)Math.Min(request.Tokens, Math.Floor(_tokens));
            _tokens -= tokens;
            if (tokens < request.Tokens) retry = TimeSpan.FromSeconds(Math.Max(0.001, (1 - (_tokens - Math.Floor(_tokens))) / limits.RatePerSecond));
        }
        else tokens = request.Tokens;

        var remaining = Remaining(limits, record);
        var units = Math.Min(request.Units, remaining);
        if (limits.DailyUnits > 0 || limits.MonthlyUnits > 0)
        {
            record.UnitsUsedDay += units;
            record.UnitsUsedMonth += units;
        }

        var slots = request.Slots;
        Renew(request.GatewayId, now);
        if (limits.Concurrency > 0)
        {
            ExpireSilentGateways(now);
            var inUse = _slots.Values.Sum(h => h.Slots);
            slots = Math.Max(0, Math.Min(request.Slots, limits.Concurrency - inUse));
            _slots[request.GatewayId].Slots += slots;
        }

        var lease = new QuotaLease(tokens, units, slots, retry, dayReset, monthReset,
            limits.DailyUnits > 0 ? limits.DailyUnits - record.UnitsUsedDay : long.MaxValue,
            limits.MonthlyUnits > 0 ? limits.MonthlyUnits - record.UnitsUsedMonth : long.MaxValue,
            limits);
        return (lease, units > 0 && (limits.DailyUnits > 0 || limits.MonthlyUnits > 0));
    }

    /// <summary>Takes back unused tokens, units (if leased in the current windows) and slots; returns whether the durable counters changed.</summary>
    public bool Return(TenantLimits limits, TenantRecord record, string gatewayId, int tokens, long units, int slots, DateTimeOffset leasedAt)
    {
        var now = time.GetUtcNow();
        Roll(record, now);
        if (limits.RatePerSecond > 0 && tokens > 0)
        {
            Refill(limits, now);
            _tokens = Math.Min(limits.BucketSize, _tokens + tokens);
        }
        if (_slots.TryGetValue(gatewayId, out var held))
        {
            held.Slots = Math.Max(0, held.Slots - slots);
            held.SeenAt = now;
        }
        if (units <= 0) return false;
        var changed = false;
        if (leasedAt.UtcDateTime.Date == record.UnitsDay) { record.UnitsUsedDay = Math.Max(0, record.UnitsUsedDay - units); changed = true; }
        if (MonthOf(leasedAt.UtcDateTime) == record.UnitsMonth) { record.UnitsUsedMonth = Math.Max(0, record.UnitsUsedMonth - units); changed = true; }
        return changed;
    }

    /// <summary>Concurrency slots <paramref name="gatewayId"/> holds now (0 once expired).</summary>
    public int SlotsHeldBy(string gatewayId)
    {
        ExpireSilentGateways(time.GetUtcNow());
        return _slots.TryGetValue(gatewayId, out var held) ? held.Slots : 0;
    }

    private void Renew(string gatewayId, DateTimeOffset now)
    {
        if (_slots.TryGetValue(gatewayId, out var held)) held.SeenAt = now;
        else _slots[gatewayId] = new SlotHold { SeenAt = now };
    }

    private void ExpireSilentGateways(DateTimeOffset now)
    {
        foreach (var (gateway, held) in _slots)
        {
            if (now - held.SeenAt >= SlotLeaseTtl) _slots.Remove(gateway);
        }
    }

    private sealed class SlotHold
    {
        public int Slots;
        public DateTimeOffset SeenAt;
    }

    private static long Remaining(TenantLimits limits, TenantRecord record)
    {
        var day = limits.DailyUnits > 0 ? limits.DailyUnits - record.UnitsUsedDay : long.MaxValue;
        var month = limits.MonthlyUnits > 0 ? limits.MonthlyUnits - record.UnitsUsedMonth : long.MaxValue;
        return Math.Max(0, Math.Min(day, month));
    }

    private void Refill(TenantLimits limits, DateTimeOffset now)
    {
        if (double.IsNaN(_tokens))
        {
            _tokens = limits.BucketSize;
            _refilledAt = now;
            return;
        }
        var elapsed = Math.Max(0, (now - _refilledAt).TotalSeconds);
        _tokens = Math.Min(limits.BucketSize, _tokens + elapsed * limits.RatePerSecond);
        _refilledAt = now;
    }

    private static void Roll(TenantRecord record, DateTimeOffset now)
    {
        var day = now.UtcDateTime.Date;
        if (record.UnitsDay != day) (record.UnitsDay, record.UnitsUsedDay) = (day, 0);
        var month = MonthOf(now.UtcDateTime);
        if (record.UnitsMonth != month) (record.UnitsMonth, record.UnitsUsedMonth) = (month, 0);
    }

    private static DateTime MonthOf(DateTime utc) => new(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static (DateTimeOffset Day, DateTimeOffset Month) Resets(DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var month = new DateTimeOffset(MonthOf(now.UtcDateTime).AddMonths(1), TimeSpan.Zero);
        return (day, month);
    }
}
