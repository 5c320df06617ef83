using Cluster.Gateway.Retries;
using Cluster.Gateway.Tests.Security;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Tests.Retries;

public class RetryBudgetTests
{
    private static (RetryBudget Budget, SteppingClock Clock) Budget(double ratio = 0.5, double perSecond = 10, double max = 4)
    {
        var clock = new SteppingClock();
        var options = Options.Create(new ShardRetryOptions { BudgetRatio = ratio, BudgetMinPerSecond = perSecond, BudgetMax = max });
        return (new RetryBudget(options, clock), clock);
    }

    [Fact]
    public void AFullBudgetAllowsAtMostItsMaximumOfRetriesAtOnce()
    {
        var (budget, _) = Budget(max: 4);

        var allowed = Enumerable.Range(0, 10).Count(_ => budget.TryWithdraw());

        Assert.Equal(4, allowed);
    }

    [Fact]
    public void EachCallEarnsItsRatioOfARetry()
    {
        var (budget, _) = Budget(ratio: 0.5, perSecond: 0, max: 4);
        while (budget.TryWithdraw()) { }

        budget.Deposit();
        Assert.False(budget.TryWithdraw());
        budget.Deposit();
        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());
    }

    [Fact]
    public void TimeRefillsTheBudgetAtTheMinimumRateUpToTheMaximum()
    {
        var (budget, clock) = Budget(ratio: 0, perSecond: 10, max: 4);
        while (budget.TryWithdraw()) { }

        clock.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(budget.TryWithdraw());
        Assert.True(budget.TryWithdraw());
        Assert.False(budget.TryWithdraw());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(4, budget.Balance, precision: 6);
    }

    [Fact]
    public void ABrokenClusterGetsNoMoreRetriesThanTheRatioOfItsCalls()
    {
        var (budget, _) = Budget(ratio: 0.5, perSecond: 0, max: 1);
        while (budget.TryWithdraw()) { }

        var retries = 0;
        for (var call = 0; call < 1_000; call++)
        {
            budget.Deposit();
            while (budget.TryWithdraw()) retries++;
        }

        Assert.Equal(500, retries);
    }
}
