using Cluster.Gateway.Retries;

namespace Cluster.Gateway.Tests.Retries;

public class ShardRetryOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new ShardRetryOptionsValidator().Validate(null, new ShardRetryOptions()).Succeeded);

    [Fact]
    public void EachOutOfRangeValueIsNamed()
    {
        var result = new ShardRetryOptionsValidator().Validate(null, new ShardRetryOptions
        {
            MaxAttempts = 0,
            InitialBackoff = TimeSpan.Zero,
            MaxBackoff = TimeSpan.FromMilliseconds(-1),
            BudgetRatio = double.NaN,
            BudgetMinPerSecond = -1,
            BudgetMax = 0,
        });

        Assert.True(result.Failed);
        foreach (var key in new[] { "MaxAttempts", "InitialBackoff", "MaxBackoff", "BudgetRatio", "BudgetMinPerSecond", "BudgetMax" })
            Assert.Contains(result.Failures!, f => f.Contains($"Gateway:Retry:{key}", StringComparison.Ordinal));
    }
}
