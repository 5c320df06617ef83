using Cluster.Grains.Tenancy;

namespace Cluster.Grains.Tests.Tenancy;

public sealed class ChangeRingTests
{
    private static readonly Guid Epoch = Guid.NewGuid();

    [Fact]
    public void AReaderWithoutAnEpochIsToldToResetAtTheCurrentPosition()
    {
        var ring = new ChangeRing(Epoch, capacity: 8, pageSize: 4);
        ring.Append(ChangeKind.Key, "k1");

        var page = ring.Since(Guid.Empty, 0);

        Assert.Equal((Epoch, 1L, true), (page.Epoch, page.Sequence, page.Reset));
        Assert.Empty(page.Notices);
    }

    [Fact]
    public void AReaderGetsTheNoticesAfterItsPositionInOrder()
    {
        var ring = new ChangeRing(Epoch, capacity: 8, pageSize: 4);
        ring.Append(ChangeKind.Key, "k1");
        ring.Append(ChangeKind.Tenant, "t1");
        ring.Append(ChangeKind.Key, "k2");

        var page = ring.Since(Epoch, 1);

        Assert.False(page.Reset);
        Assert.Equal([new ChangeNotice(2, ChangeKind.Tenant, "t1"), new ChangeNotice(3, ChangeKind.Key, "k2")], page.Notices);
        Assert.Equal((3L, false), (page.Sequence, page.More));
        Assert.Empty(ring.Since(Epoch, 3).Notices);
    }

    [Fact]
    public void MoreThanAPageComesInPages()
    {
        var ring = new ChangeRing(Epoch, capacity: 16, pageSize: 4);
        for (var i = 1; i <= 6; i++) ring.Append(ChangeKind.Tenant, $"t{i}");

        var first = ring.Since(Epoch, 0);
        var second = ring.Since(Epoch, first.Sequence);

        Assert.Equal((4L, true), (first.Sequence, first.More));
        Assert.Equal(["t5", "t6"], second.Notices.Select(n => n.Id));
        Assert.False(second.More);
    }

    [Fact]
    public void AReaderFurtherBehindThanTheRingReachesOrFromAnotherEpochIsToldToReset()
    {
        var ring = new ChangeRing(Epoch, capacity: 4, pageSize: 4);
        for (var i = 1; i <= 6; i++) ring.Append(ChangeKind.Key, $"k{i}");

        Assert.True(ring.Since(Epoch, 1).Reset);          // notice 2 is gone
        Assert.False(ring.Since(Epoch, 2).Reset);         // 3..6 are all still held
        Assert.Equal(["k3", "k4", "k5", "k6"], ring.Since(Epoch, 2).Notices.Select(n => n.Id));
        Assert.True(ring.Since(Guid.NewGuid(), 6).Reset);
        Assert.True(ring.Since(Epoch, 7).Reset);
    }
}
