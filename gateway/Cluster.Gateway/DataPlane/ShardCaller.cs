using System.Runtime.ExceptionServices;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metrics;
using Cluster.Gateway.Retries;
using Cluster.Gateway.Serving;
using Cluster.Gateway.Telemetry;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.DataPlane;

/// <summary>
/// Sends a request to its shard and, when the shard was lost before answering
/// (<see cref="ShardRetryRule"/>), sends it again to the activation Orleans places next, after a
/// jittered exponential pause, within the gateway's timeout and the client's deadline, while the
/// <see cref="RetryBudget"/> lasts and for at most <see cref="ShardRetryOptions.MaxAttempts"/>.
/// A retried call is one call to the rest of the data plane: it is admitted, metered and audited
/// once, by what finally answers. A call whose shard's silo leaves the cluster while it waits
/// (<see cref="SiloLossWatch"/>; or whose silo refuses connections while the call waits) is sent
/// again at once: Orleans would only fail it at its response timeout, since a request in flight to
/// a dead silo is answered by no one.
/// </summary>
public sealed partial class ShardCaller(
    ShardRouter router, RetryBudget budget, SiloLossWatch silos, IOptions<ShardRetryOptions> retryOptions, IOptions<GatewayOptions> gatewayOptions,
    TimeProvider time, ILogger<ShardCaller> logger)
{
    private readonly ShardRetryOptions _retry = retryOptions.Value;
    private readonly TimeSpan _timeout = gatewayOptions.Value.DefaultInferenceTimeout;

    /// <summary>The shard's answer when it is OK; otherwise a <see cref="ServingException"/>, or the last exception of a call that could not be retried.</summary>
    public async Task<InferenceResponse> InferAsync(ModelVersionDescriptor model, InferenceRequest request, CancellationToken cancellationToken)
    {
        budget.Deposit();
        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var remaining = _timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) throw new TimeoutException();
            ExceptionDispatchInfo? failure = null;
            InferenceResponse? response = null;
            var lease = router.Acquire(model);
            var home = lease.Slot.Silo;
            var gone = silos.WhenGone(home);
            using var linked = gone.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, gone) : null;
            var waiting = silos.Sent(home);
            try
            {
                response = await lease.Grain.Infer(request).WaitAsync(remaining, time, linked?.Token ?? cancellationToken);
                waiting?.Answered(time.GetTimestamp());
                waiting = null;
                if (lease.Slot.Silo != response.Silo) LogShardSilo(logger, model.Name, response.Silo);
                lease.Slot.Silo = response.Silo;
            }
            catch (OperationCanceledException ex) when (gone.IsCancellationRequested && !cancellationToken.IsCancellationRequested && _retry.Enabled)
            {
                // The silo that held the shard left the cluster: its answer will never come, and the
                // next attempt goes to wherever Orleans places the shard now.
                lease.Slot.Forget(home!);
                failure = ExceptionDispatchInfo.Capture(new SiloUnavailableException($"the silo holding the shard left the cluster ({ex.GetType().Name})"));
            }
            catch (Exception ex) when (_retry.Enabled && ShardRetryRule.MayRetry(ex))
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                waiting?.Unanswered();
                lease.Dispose();
            }

            GatewayTracing.Attempts(attempt);
            if (response is { IsOk: true }) return response;
            if (response is not null && !(_retry.Enabled && ShardRetryRule.MayRetry(response)))
                throw ServingException.FromInference(response.Status, response.Message);

            var delay = Backoff(attempt);
            var why = attempt >= _retry.MaxAttempts ? "attempts"
                : time.GetElapsedTime(started) + delay >= _timeout ? "deadline"
                : !budget.TryWithdraw() ? "budget"
                : null;
            var cause = failure is { } f ? $"{f.SourceException.GetType().Name}: {Clip(f.SourceException.Message)}" : "shard did not run it";
            if (why is not null)
            {
                RetryMetrics.NotRetried(why);
                LogNotRetried(logger, model.Name, model.VersionText, attempt, cause, why);
                failure?.Throw();
                throw ServingException.FromInference(response!.Status, response.Message);
            }

            RetryMetrics.Retried(model.Name);
            LogRetrying(logger, model.Name, model.VersionText, attempt, cause, delay.TotalMilliseconds);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Orleans' rejection texts name silos, grains and methods, never request contents; long ones are cut.</summary>
    private static string Clip(string message) => message.Length <= 300 ? message : message[..300];

    /// <summary>Pause before retry number <paramref name="attempt"/>: initial x 2^(attempt-1), capped, the upper half jittered.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 20);
        var ceiling = Math.Min(_retry.MaxBackoff.TotalMilliseconds, _retry.InitialBackoff.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    [LoggerMessage(EventId = 514, Level = LogLevel.Debug, Message = "Shard of {Model} answers from silo {Silo}")]
    private static partial void LogShardSilo(ILogger logger, string model, string silo);

    [LoggerMessage(EventId = 510, Level = LogLevel.Debug, Message = "Retrying {Model} version {Version} after attempt {Attempt} ({Cause}) in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string model, string version, int attempt, string cause, double delayMs);

    [LoggerMessage(EventId = 511, Level = LogLevel.Warning, Message = "Not retrying {Model} version {Version} after attempt {Attempt} ({Cause}): {Why}")]
    private static partial void LogNotRetried(ILogger logger, string model, string version, int attempt, string cause, string why);
}
