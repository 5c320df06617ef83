using Cluster.Gateway.Retries;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Gateway.Tests.Retries;

public sealed class ClusterCallRetryTests
{
    private readonly FakeTimeProvider _clock = new();

    /// <summary>Moves the clock until <paramref name="task"/> ends (each pause is a timer on the fake clock).</summary>
    private async Task<T> Drive<T>(Task<T> task)
    {
        for (var i = 0; i < 1_000 && !task.IsCompleted; i++)
        {
            await Task.Delay(1);
            _clock.Advance(TimeSpan.FromMilliseconds(50));
        }
        return await task;
    }

    [Fact]
    public async Task AFetchThatMetADeadSiloIsSentAgainUntilItsGrainAnswers()
    {
        var attempts = 0;
        var value = await Drive(ClusterCallRetry.RunAsync(() =>
            ++attempts < 4 ? throw new SiloUnavailableException("the silo is gone") : Task.FromResult("record"), _clock));

        Assert.Equal("record", value);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task AnyOtherFailureIsNotSentAgain()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<TimeoutException>(() => ClusterCallRetry.RunAsync<string>(() => { attempts++; throw new TimeoutException(); }, _clock));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task AFetchIsGivenUpAfterTheLongestWait()
    {
        var attempts = 0;
        var failing = ClusterCallRetry.RunAsync<string>(() => { attempts++; throw new SiloUnavailableException("the silo is gone"); }, _clock);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => Drive(failing));
        Assert.InRange(attempts, 2, (int)(ClusterCallRetry.MaxWait.TotalMilliseconds / 20));
    }

    [Fact]
    public void PausesDoubleFromTwentyMillisecondsUpToAQuarterSecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(20), ClusterCallRetry.Pause(1));
        Assert.Equal(TimeSpan.FromMilliseconds(40), ClusterCallRetry.Pause(2));
        Assert.Equal(TimeSpan.FromMilliseconds(250), ClusterCallRetry.Pause(9));
    }
}
