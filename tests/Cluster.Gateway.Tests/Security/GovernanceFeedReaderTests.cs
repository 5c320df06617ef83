using Cluster.Gateway.Security;
using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Security;

/// <summary><see cref="GovernanceFeedReader"/>: where it reads from, what each page does to the caches.</summary>
public sealed class GovernanceFeedReaderTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly FakeFeed _feed = new();
    private readonly RecordingTarget _keys = new();
    private readonly RecordingTarget _tenants = new();

    private GovernanceFeedReader NewReader() => new(_feed, _keys, _tenants, _clock, NullLogger<GovernanceFeedReader>.Instance);

    [Fact]
    public async Task TheFirstPollLearnsThePositionAndVouchesOnlyForWhatIsFetchedAfterIt()
    {
        var epoch = Guid.NewGuid();
        _feed.Pages.Enqueue(new ChangePage(epoch, 41, Reset: true, [], More: false));
        var startedAt = _clock.GetTimestamp();

        Assert.True(await NewReader().PollAsync(CancellationToken.None));

        Assert.Equal((Guid.Empty, 0L), _feed.Asked.Single());
        Assert.Equal(1, _keys.Resets);
        Assert.Equal([startedAt], _tenants.Covers);
    }

    [Fact]
    public async Task NoticesInvalidateTheirKindsEntriesAndThePollGoesOnFromTheLastSequence()
    {
        var epoch = Guid.NewGuid();
        _feed.Pages.Enqueue(new ChangePage(epoch, 10, Reset: true, [], More: false));
        _feed.Pages.Enqueue(new ChangePage(epoch, 12, Reset: false,
            [new ChangeNotice(11, ChangeKind.Key, "keyid000001"), new ChangeNotice(12, ChangeKind.Tenant, "acme")], More: false));
        _feed.Pages.Enqueue(new ChangePage(epoch, 12, Reset: false, [], More: false));
        var reader = NewReader();

        for (var i = 0; i < 3; i++) Assert.True(await reader.PollAsync(CancellationToken.None));

        Assert.Equal([(Guid.Empty, 0L), (epoch, 10L), (epoch, 12L)], _feed.Asked);
        Assert.Equal(["keyid000001"], _keys.Invalidated);
        Assert.Equal(["acme"], _tenants.Invalidated);
        Assert.Equal(3, _keys.Covers.Count);
    }

    [Fact]
    public async Task APollFollowsMorePagesAndVouchesAsOfTheLastOne()
    {
        var epoch = Guid.NewGuid();
        _feed.Pages.Enqueue(new ChangePage(epoch, 0, Reset: true, [], More: false));
        _feed.Pages.Enqueue(new ChangePage(epoch, 1, Reset: false, [new ChangeNotice(1, ChangeKind.Tenant, "a")], More: true));
        _feed.Pages.Enqueue(new ChangePage(epoch, 2, Reset: false, [new ChangeNotice(2, ChangeKind.Tenant, "b")], More: false));
        _feed.BeforeAnswer = () => _clock.Advance(TimeSpan.FromMilliseconds(5));
        var reader = NewReader();
        await reader.PollAsync(CancellationToken.None);
        _keys.Covers.Clear();

        var startedAt = _clock.GetTimestamp();
        Assert.True(await reader.PollAsync(CancellationToken.None));

        Assert.Equal(["a", "b"], _tenants.Invalidated);
        Assert.Equal([startedAt + _clock.TimestampFrequency * 5 / 1000], _keys.Covers);
    }

    [Fact]
    public async Task AFailedPollVouchesForNothingAndTheNextAsksFromTheSamePlace()
    {
        var epoch = Guid.NewGuid();
        _feed.Pages.Enqueue(new ChangePage(epoch, 7, Reset: true, [], More: false));
        var reader = NewReader();
        await reader.PollAsync(CancellationToken.None);
        _keys.Covers.Clear();

        _feed.Fail = true;
        Assert.False(await reader.PollAsync(CancellationToken.None));
        Assert.Empty(_keys.Covers);

        _feed.Fail = false;
        _feed.Pages.Enqueue(new ChangePage(epoch, 7, Reset: false, [], More: false));
        Assert.True(await reader.PollAsync(CancellationToken.None));
        Assert.Equal((epoch, 7L), _feed.Asked[^1]);
        Assert.Single(_keys.Covers);
    }

    [Fact]
    public async Task ANewEpochResetsBothCaches()
    {
        _feed.Pages.Enqueue(new ChangePage(Guid.NewGuid(), 3, Reset: true, [], More: false));
        var next = Guid.NewGuid();
        _feed.Pages.Enqueue(new ChangePage(next, 0, Reset: true, [], More: false));
        var reader = NewReader();
        await reader.PollAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await reader.PollAsync(CancellationToken.None);

        Assert.Equal((2, 2), (_keys.Resets, _tenants.Resets));
    }

    private sealed class FakeFeed : IGovernanceFeedGrain
    {
        public Queue<ChangePage> Pages { get; } = new();
        public List<(Guid, long)> Asked { get; } = [];
        public bool Fail { get; set; }
        public Action? BeforeAnswer { get; set; }

        public Task Publish(ChangeKind kind, string id) => throw new NotSupportedException();

        public Task<ChangePage> Since(Guid epoch, long sequence)
        {
            Asked.Add((epoch, sequence));
            if (Fail) return Task.FromException<ChangePage>(new TimeoutException("the feed did not answer"));
            BeforeAnswer?.Invoke();
            return Task.FromResult(Pages.Dequeue());
        }
    }

    private sealed class RecordingTarget : IChangeFeedTarget
    {
        public List<string> Invalidated { get; } = [];
        public List<long> Covers { get; } = [];
        public int Resets { get; private set; }

        public void Invalidate(string key) => Invalidated.Add(key);

        public void Covered(long pollStartedAt) => Covers.Add(pollStartedAt);

        public void Reset() => Resets++;
    }
}
