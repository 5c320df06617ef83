using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Retries;

/// <summary>
/// How many retries this gateway may still make (Finagle's retry budget, as a token bucket):
/// each call deposits <see cref="ShardRetryOptions.BudgetRatio"/> of a retry, time adds
/// <see cref="ShardRetryOptions.BudgetMinPerSecond"/>, the balance never exceeds
/// <see cref="ShardRetryOptions.BudgetMax"/>, and a retry spends one. When the cluster fails every
/// call the balance drains and retries stop, so attempts stay near (1 + ratio) times the calls
/// instead of multiplying them. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RetryBudget
{
    private readonly Lock _gate = new();
    private readonly ShardRetryOptions _options;
    private readonly TimeProvider _time;
    private double _balance;
    private long _refilledAt;

    public RetryBudget(IOptions<ShardRetryOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _balance = _options.BudgetMax;
        _refilledAt = time.GetTimestamp();
    }

    /// <summary>Retries that may be made now (rounded down).</summary>
    public double Balance
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _balance;
            }
        }
    }

    /// <summary>A call was taken: it earns its share of a retry.</summary>
    public void Deposit()
    {
        lock (_gate) _balance = Math.Min(_options.BudgetMax, _balance + _options.BudgetRatio);
    }

    /// <summary>Spends one retry; false when the budget is spent.</summary>
    public bool TryWithdraw()
    {
        lock (_gate)
        {
            Refill();
            if (_balance < 1) return false;
            _balance -= 1;
            return true;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_refilledAt, now).TotalSeconds;
        _refilledAt = now;
        if (seconds > 0) _balance = Math.Min(_options.BudgetMax, _balance + seconds * _options.BudgetMinPerSecond);
    }
}
