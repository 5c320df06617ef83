using Google.Rpc;
using Grpc.Core;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>Assertions on refused calls: status, stable ErrorInfo reason and message.</summary>
public static class Expect
{
    public static async Task<RpcException> Refused(StatusCode code, string? reason, Func<Task> call, string? message = null)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == ex.StatusCode, $"expected {code}, got {ex.StatusCode}: {ex.Status.Detail}");
        if (reason is not null) Assert.Equal(reason, ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        if (message is not null) Assert.Contains(message, ex.Status.Detail);
        return ex;
    }

    /// <summary>Polls <paramref name="call"/> until it fails with <paramref name="code"/>; returns how long that took.</summary>
    public static async Task<TimeSpan> EventuallyRefused(StatusCode code, Func<Task> call, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < within + TimeSpan.FromSeconds(5))
        {
            try
            {
                await call();
            }
            catch (RpcException ex) when (ex.StatusCode == code)
            {
                return clock.Elapsed;
            }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the call was still not refused with {code} after {clock.Elapsed}.");
    }
}
