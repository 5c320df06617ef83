using Cluster.PerfAnalyzer.Load;
using Grpc.Net.Client.Balancer;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class ReadyGatewaysResolverTests
{
    private static readonly Uri One = new("http://127.0.0.1:8001");
    private static readonly Uri Two = new("http://127.0.0.1:8011");

    /// <summary>Readiness as the test sets it, and the address lists the balancer was given.</summary>
    private sealed class Harness : IDisposable
    {
        public readonly HashSet<Uri> Ready = [One, Two];
        public readonly List<string> Published = [];
        public readonly FakeTimeProvider Clock = new();
        public readonly ReadyGatewaysResolver Resolver;

        public Harness()
        {
            Resolver = new ReadyGatewaysResolver([One, Two], (g, _) => Task.FromResult(Ready.Contains(g)), Clock);
            Resolver.Start(result =>
            {
                lock (Published) Published.Add(string.Join(" ", result.Addresses!.Select(a => a.EndPoint.Port)));
            });
        }

        /// <summary>One poll later: what was published last.</summary>
        public async Task<string> NextAsync()
        {
            Clock.Advance(ReadyGatewaysResolver.PollInterval);
            await Task.Delay(50);
            lock (Published) return Published[^1];
        }

        public void Dispose() => Resolver.Dispose();
    }

    [Fact]
    public async Task AGatewayThatIsNotReadyLeavesTheListAndComesBackWhenItIs()
    {
        using var h = new Harness();
        Assert.Equal("8001 8011", await h.NextAsync());

        h.Ready.Remove(Two);
        Assert.Equal("8001", await h.NextAsync());

        h.Ready.Add(Two);
        Assert.Equal("8001 8011", await h.NextAsync());
    }

    [Fact]
    public async Task WhenNoneIsReadyEveryGatewayIsGivenRatherThanNone()
    {
        using var h = new Harness();
        h.Ready.Clear();

        Assert.Equal("8001 8011", await h.NextAsync());
    }

    [Fact]
    public async Task AnUnchangedListIsNotPublishedAgain()
    {
        using var h = new Harness();
        await h.NextAsync();
        await h.NextAsync();
        await h.NextAsync();

        lock (h.Published) Assert.Single(h.Published);
    }
}
