using Cluster.Gateway.Audit;

namespace Cluster.Gateway.Tests.Hosting;

public sealed class AuditBacklogTests
{
    [Fact]
    public void AtTheBoundInferenceIsRefusedAndUnderItServedAgain()
    {
        var backlog = new AuditBacklog(bound: 3);
        for (var i = 0; i < 2; i++) Assert.True(backlog.TryAdd());
        Assert.False(backlog.IsOverBound);

        Assert.True(backlog.TryAdd());
        Assert.True(backlog.IsOverBound);

        backlog.Stored(2);
        Assert.False(backlog.IsOverBound);
    }

    [Fact]
    public void RefusalsAreKeptUpToTwiceTheBoundAndOnlyThenDropped()
    {
        var backlog = new AuditBacklog(bound: 3);
        var kept = Enumerable.Range(0, 10).Count(_ => backlog.TryAdd());

        Assert.Equal(6, kept);
        Assert.Equal(6, backlog.Held);
    }
}
