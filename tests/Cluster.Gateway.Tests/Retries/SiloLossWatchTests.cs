using System.Collections.Immutable;
using System.Net;
using Cluster.Gateway.Retries;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Metadata;

namespace Cluster.Gateway.Tests.Retries;

public class SiloLossWatchTests
{
    private static readonly SiloAddress A = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 100);
    private static readonly SiloAddress B = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 100);
    private static readonly SiloAddress ARestarted = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 200);
    private static int s_version;

    private static ClusterManifest Manifest(params SiloAddress[] silos) => new(
        new MajorMinorVersion(1, Interlocked.Increment(ref s_version)),
        silos.ToImmutableDictionary(s => s, _ => new GrainManifest(
            ImmutableDictionary<GrainType, GrainProperties>.Empty, ImmutableDictionary<GrainInterfaceType, GrainInterfaceProperties>.Empty)));

    private static SiloLossWatch Watch() => new(null!, TimeProvider.System, NullLogger<SiloLossWatch>.Instance);

    [Fact]
    public void ACallToASiloThatLeavesIsCancelled()
    {
        var watch = Watch();
        watch.Observe(Manifest(A, B));
        var call = watch.WhenGone(A.ToString());
        var other = watch.WhenGone(B.ToString());

        watch.Observe(Manifest(B));

        Assert.True(call.IsCancellationRequested);
        Assert.False(other.IsCancellationRequested);
        Assert.True(watch.WhenGone(A.ToString()).IsCancellationRequested);
    }

    [Fact]
    public void ASiloNotYetInTheManifestIsNotGone()
    {
        var watch = Watch();
        watch.Observe(Manifest(B));

        var call = watch.WhenGone(A.ToString());
        watch.Observe(Manifest(B));

        Assert.False(call.IsCancellationRequested);
        watch.Observe(Manifest(A, B));
        Assert.False(call.IsCancellationRequested);
    }

    [Fact]
    public void ALaterGenerationAtTheSameAddressMeansTheEarlierOneIsGone()
    {
        var watch = Watch();
        watch.Observe(Manifest(B));
        var call = watch.WhenGone(A.ToString());

        watch.Observe(Manifest(ARestarted, B));

        Assert.True(call.IsCancellationRequested);
        Assert.True(watch.WhenGone(A.ToString()).IsCancellationRequested);
        Assert.False(watch.WhenGone(ARestarted.ToString()).IsCancellationRequested);
    }

    [Fact]
    public void AnUnknownHomeIsNeverCancelled()
    {
        var watch = Watch();
        watch.Observe(Manifest(A));

        Assert.False(watch.WhenGone(null).CanBeCanceled);
        Assert.False(watch.WhenGone("").CanBeCanceled);
    }

    [Fact]
    public void SupersededComparesAddressAndGeneration()
    {
        Assert.True(SiloLossWatch.Superseded("S127.0.0.1:11111:100", ["S127.0.0.1:11111:200"]));
        Assert.False(SiloLossWatch.Superseded("S127.0.0.1:11111:200", ["S127.0.0.1:11111:100"]));
        Assert.False(SiloLossWatch.Superseded("S127.0.0.1:11111:100", ["S127.0.0.1:11112:200"]));
        Assert.False(SiloLossWatch.Superseded("not a silo", ["S127.0.0.1:11111:200"]));
    }
}
