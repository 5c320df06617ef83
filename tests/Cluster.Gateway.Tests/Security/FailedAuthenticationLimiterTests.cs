using System.Net;
using Cluster.Gateway.Security;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Tests.Security;

public sealed class FailedAuthenticationLimiterTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("10.0.0.7");
    private static readonly IPAddress Other = IPAddress.Parse("10.0.0.8");

    private static (FailedAuthenticationLimiter, SteppingClock) Limiter(int burst = 3, double perSecond = 0.5)
    {
        var clock = new SteppingClock();
        return (new FailedAuthenticationLimiter(Options.Create(new AuthOptions
        {
            FailedAuthenticationBurst = burst,
            FailedAuthenticationsPerSecond = perSecond,
        }), clock), clock);
    }

    [Fact]
    public void ASourceIsRefusedOnceItsFailuresUseUpTheBurstAndOthersAreNot()
    {
        var (limiter, _) = Limiter();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.Allows(Guesser, out _));
            limiter.Failed(Guesser);
        }

        Assert.False(limiter.Allows(Guesser, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(2), retryAfter);
        Assert.True(limiter.Allows(Other, out _));
    }

    [Fact]
    public void TheAllowanceRefillsAtTheConfiguredRate()
    {
        var (limiter, clock) = Limiter();
        for (var i = 0; i < 3; i++) limiter.Failed(Guesser);

        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(limiter.Allows(Guesser, out _));
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(limiter.Allows(Guesser, out _));
    }

    [Fact]
    public void ManySourcesAreTrackedWithinTheBound()
    {
        var (limiter, clock) = Limiter(burst: 1, perSecond: 1);
        for (var i = 0; i < 30_000; i++)
        {
            limiter.Failed(new IPAddress(BitConverter.GetBytes(i + 1)));
            if (i % 1000 == 0) clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.False(limiter.Allows(new IPAddress(BitConverter.GetBytes(30_000)), out _)); // the latest is still refused
    }
}
