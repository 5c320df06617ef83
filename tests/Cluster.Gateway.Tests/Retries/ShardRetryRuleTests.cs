using Cluster.Gateway.Retries;
using Cluster.Grains.Inference;
using Orleans.Runtime.Messaging;

namespace Cluster.Gateway.Tests.Retries;

public class ShardRetryRuleTests
{
    [Fact]
    public void RejectionsAndLostSilosAreRetried()
    {
        Assert.True(ShardRetryRule.MayRetry(new SiloUnavailableException("gone")));
        Assert.True(ShardRetryRule.MayRetry(new ConnectionFailedException("refused")));
    }

    [Fact]
    public void TimeoutsCancellationsOverloadAndOtherFailuresAreNotRetried()
    {
        Assert.False(ShardRetryRule.MayRetry(new TimeoutException()));
        Assert.False(ShardRetryRule.MayRetry(new OperationCanceledException()));
        Assert.False(ShardRetryRule.MayRetry(new GatewayTooBusyException()));
        Assert.False(ShardRetryRule.MayRetry(new InvalidOperationException()));
    }

    [Fact]
    public void OnlyAShardAnswerThatSaysItDidNotRunIsRetried()
    {
        var stopping = InferenceResponse.Failure(InferenceStatus.Unavailable, "stopping") with { NotRun = true };
        var queueFull = InferenceResponse.Failure(InferenceStatus.Unavailable, "queue full");
        var ranAndFailed = InferenceResponse.Failure(InferenceStatus.InvalidArgument, "bad input");

        Assert.True(ShardRetryRule.MayRetry(stopping));
        Assert.False(ShardRetryRule.MayRetry(queueFull));
        Assert.False(ShardRetryRule.MayRetry(ranAndFailed));
    }
}
