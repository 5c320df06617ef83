using System.Net;
using System.Net.Sockets;
using Cluster.Gateway.Retries;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Retries;

/// <summary>Calls waiting on a silo that the cluster has not declared dead yet (<see cref="SiloLossWatch"/>, <see cref="SiloPortProbe"/>).</summary>
public sealed class StuckCallTests
{
    private const string A = "S127.0.0.1:11111:100";
    private const string B = "S127.0.0.1:11112:100";

    private readonly FakeTimeProvider _clock = new();
    private readonly List<string> _probed = [];

    private SiloLossWatch Watch() => new(null!, _clock, NullLogger<SiloLossWatch>.Instance);

    private Task<bool> Refuses(string silo, CancellationToken _)
    {
        _probed.Add(silo);
        return Task.FromResult(silo == A);
    }

    [Fact]
    public async Task CallsWaitingASecondOnASiloThatRefusesConnectionsAreSentAgain()
    {
        var watch = Watch();
        var call = watch.WhenGone(A);
        watch.Sent(A);

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Empty(await watch.CheckWaitingAsync(Refuses, CancellationToken.None));
        Assert.Empty(_probed);

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal([A], await watch.CheckWaitingAsync(Refuses, CancellationToken.None));
        Assert.True(call.IsCancellationRequested);
        Assert.True(watch.WhenGone(A).IsCancellationRequested);
    }

    [Fact]
    public async Task ASiloThatStillAcceptsConnectionsIsNotGoneHoweverLongItsCallsWait()
    {
        var watch = Watch();
        var call = watch.WhenGone(B);
        watch.Sent(B);

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Empty(await watch.CheckWaitingAsync(Refuses, CancellationToken.None));

        Assert.Equal([B], _probed);
        Assert.False(call.IsCancellationRequested);
    }

    [Fact]
    public async Task ASiloThatKeepsAnsweringIsNeverProbed()
    {
        var watch = Watch();
        for (var i = 0; i < 10; i++)
        {
            var calls = watch.Sent(A)!;
            watch.Sent(A);
            _clock.Advance(TimeSpan.FromMilliseconds(400));
            calls.Answered(_clock.GetTimestamp());
            await watch.CheckWaitingAsync(Refuses, CancellationToken.None);
        }

        Assert.Empty(_probed);
    }

    [Fact]
    public async Task ASiloWithNothingWaitingIsNeverProbed()
    {
        var watch = Watch();
        watch.Sent(A)!.Unanswered();

        _clock.Advance(TimeSpan.FromSeconds(5));
        await watch.CheckWaitingAsync(Refuses, CancellationToken.None);

        Assert.Empty(_probed);
    }

    [Theory]
    [InlineData("S127.0.0.1:11111:155606434", "127.0.0.1:11111")]
    [InlineData("S[::1]:30000:7", "[::1]:30000")]
    public void ASilosEndpointIsReadFromItsIdentity(string silo, string endpoint)
    {
        Assert.True(SiloPortProbe.TryEndpoint(silo, out var parsed));
        Assert.Equal(IPEndPoint.Parse(endpoint), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:11111:1")]
    [InlineData("Snot-an-address:1")]
    public void AnIdentityWithoutAnEndpointIsNotProbed(string silo) => Assert.False(SiloPortProbe.TryEndpoint(silo, out _));

    [Fact]
    public async Task APortNothingListensOnRefusesAndAListeningOneDoesNot()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;

        Assert.False(await SiloPortProbe.RefusesAsync(endpoint, CancellationToken.None));
        listener.Close();
        Assert.True(await SiloPortProbe.RefusesAsync(endpoint, CancellationToken.None));
    }
}
