using Cluster.Grains.Inference.Batching;
using static Cluster.Grains.Tests.Fixtures.Batching;

namespace Cluster.Grains.Tests.Batching;

public sealed class FairQueueTests
{
    private static PendingRequest Request(string tenant, float id, double weight = 1, int level = 0, int rows = 1) =>
        new(Tagged(id, rows, tenant, weight), [Fp32("INPUT0", rows, 4, id)], rows, level, 0, long.MaxValue);

    private static List<PendingRequest> ServeAll(FairQueue queue)
    {
        var served = new List<PendingRequest>();
        while (queue.InServiceOrder.FirstOrDefault() is { } next)
        {
            queue.Remove(next, served: true);
            served.Add(next);
        }
        return served;
    }

    [Fact]
    public void LowerLevelsAreServedFirstAndEachLevelInArrivalOrder()
    {
        var queue = new FairQueue();
        queue.Enqueue(Request("a", 1, level: 3));
        queue.Enqueue(Request("a", 2, level: 1));
        queue.Enqueue(Request("a", 3, level: 2));
        queue.Enqueue(Request("a", 4, level: 1));

        Assert.Equal([2f, 4f, 3f, 1f], ServeAll(queue).Select(p => Floats(p.Inputs[0])[0]));
    }

    [Fact]
    public void ANewcomerIsServedNextToAFloodingTenantNotBehindIt()
    {
        var queue = new FairQueue();
        for (var i = 0; i < 100; i++) queue.Enqueue(Request("flood", i));
        for (var i = 0; i < 10; i++) queue.Remove(queue.InServiceOrder.First(), served: true);
        for (var i = 0; i < 5; i++) queue.Enqueue(Request("calm", 1000 + i));

        var order = ServeAll(queue).Select(p => p.Request.TenantId).ToList();

        Assert.Equal(8, order.LastIndexOf("calm"));
        Assert.Equal(90, order.Count(t => t == "flood"));
    }

    [Fact]
    public void BackloggedTenantsShareRowsInProportionToTheirWeights()
    {
        var queue = new FairQueue();
        for (var i = 0; i < 200; i++) queue.Enqueue(Request("heavy", i, weight: 3));
        for (var i = 0; i < 200; i++) queue.Enqueue(Request("light", i, weight: 1));

        var first = ServeAll(queue).Take(100).ToList();

        Assert.InRange(first.Count(p => p.Request.TenantId == "heavy"), 74, 76);
    }

    [Fact]
    public void FairShareCountsRowsNotRequests()
    {
        var queue = new FairQueue();
        for (var i = 0; i < 50; i++) queue.Enqueue(Request("wide", i, rows: 4));
        for (var i = 0; i < 50; i++) queue.Enqueue(Request("narrow", i, rows: 1));

        var first = ServeAll(queue).Take(25).ToList();
        var wideRows = first.Where(p => p.Request.TenantId == "wide").Sum(p => p.Rows);
        var narrowRows = first.Where(p => p.Request.TenantId == "narrow").Sum(p => p.Rows);

        Assert.InRange(wideRows, narrowRows - 4, narrowRows + 4);
    }

    [Fact]
    public void ARemovedRequestThatWasNotServedLeavesTheOrderIntact()
    {
        var queue = new FairQueue();
        var a = Request("a", 1);
        var b = Request("a", 2);
        queue.Enqueue(a);
        queue.Enqueue(b);

        queue.Remove(a, served: false);
        queue.Remove(a, served: false);

        Assert.Equal(1, queue.Count);
        Assert.Same(b, Assert.Single(ServeAll(queue)));
    }

    [Fact]
    public void ClosedLoopCallersShareEquallyWhateverTheirNumber()
    {
        // 18 callers of one tenant and 6 of another, each sending its next request as soon as the last is served.
        var queue = new FairQueue();
        for (var i = 0; i < 18; i++) queue.Enqueue(Request("many", i));
        for (var i = 0; i < 6; i++) queue.Enqueue(Request("few", i));
        var served = new Dictionary<string, int> { ["many"] = 0, ["few"] = 0 };
        for (var i = 0; i < 400; i++)
        {
            var next = queue.InServiceOrder.First();
            queue.Remove(next, served: true);
            served[next.Request.TenantId]++;
            queue.Enqueue(Request(next.Request.TenantId, 1000 + i));
        }

        Assert.InRange(served["many"], 195, 205);
    }
}
