using System.Diagnostics;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metrics;
using Cluster.Gateway.Security;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.DataPlane;

/// <summary>
/// The one data plane behind the gRPC and REST frontends: checks a request against the model's
/// contract, sends it to a shard (one network hop), and turns every outcome into either a
/// response or an RpcException with a precise status, counting both.
/// </summary>
public sealed partial class InferenceDataPlane(
    IInferenceAccess access, ShardRouter router, InferenceMetrics metrics, IOptions<GatewayOptions> options, ILogger<InferenceDataPlane> logger)
{
    /// <summary>
    /// Resolves the model version the caller may use (governance: credential, policy, purpose,
    /// lifecycle), reads the request with the frontend's <paramref name="read"/>, validates it and
    /// runs it. Failures at any step are counted against the model when it resolved (else against
    /// <see cref="InferenceMetrics.UnresolvedModel"/>) and thrown as RpcExceptions.
    /// </summary>
    public async Task<(ModelVersionDescriptor Model, InferenceResponse Response)> InferAsync<TMessage>(
        CallerIdentity caller, string name, string version, string? purpose,
        TMessage message, Func<ModelVersionDescriptor, TMessage, InferenceRequest> read, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        ModelVersionDescriptor model;
        try
        {
            (model, _) = await access.ResolveForInferenceAsync(caller, name, version, purpose);
        }
        catch (RpcException ex)
        {
            metrics.RecordFailure(InferenceMetrics.UnresolvedModel, "", StatusNames.Of(ex.StatusCode), Stopwatch.GetElapsedTime(start).TotalSeconds);
            throw;
        }
        return (model, await InferAsync(model, message, read, start, cancellationToken));
    }

    private async Task<InferenceResponse> InferAsync<TMessage>(
        ModelVersionDescriptor model, TMessage message, Func<ModelVersionDescriptor, TMessage, InferenceRequest> read, long start, CancellationToken cancellationToken)
    {
        var version = model.VersionText;
        using var pending = metrics.TrackPending(model.Name, version);
        try
        {
            var request = read(model, message);
            RequestValidator.Validate(model, request);
            InferenceResponse response;
            using (var lease = router.Acquire(model))
            {
                response = await lease.Grain.Infer(request).WaitAsync(options.Value.DefaultInferenceTimeout, cancellationToken);
            }
            if (!response.IsOk) throw GrpcErrors.FromInference(response.Status, response.Message);
            metrics.RecordSuccess(model.Name, version, request.BatchSize(model.MaxBatchSize > 0), Stopwatch.GetElapsedTime(start).TotalSeconds, response.Timings);
            return response;
        }
        catch (Exception ex)
        {
            var error = Translate(ex, model, cancellationToken);
            metrics.RecordFailure(model.Name, version, StatusNames.Of(error.StatusCode), Stopwatch.GetElapsedTime(start).TotalSeconds);
            if (error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
                LogInferenceFailed(logger, model.Name, model.Version, error.StatusCode, ex.GetType().Name);
            if (ReferenceEquals(error, ex)) throw;
            throw error;
        }
    }

    private static RpcException Translate(Exception ex, ModelVersionDescriptor model, CancellationToken cancellationToken) => ex switch
    {
        RpcException rpc => rpc,
        InferenceException inference => GrpcErrors.FromInference(inference.Status, inference.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            GrpcErrors.Create(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded,
                $"the call to model '{model.Name}' version {model.Version} ended (deadline or cancellation) before the shard answered."),
        TimeoutException =>
            GrpcErrors.Create(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded,
                $"model '{model.Name}' version {model.Version} did not answer within the gateway's timeout."),
        _ => GrpcErrors.Create(StatusCode.Unavailable, ErrorReasons.ShardUnavailable,
                $"no silo could serve model '{model.Name}' version {model.Version} right now ({ex.GetType().Name}); retry."),
    };

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Inference on {Model} version {Version} failed with {Status} ({Error})")]
    private static partial void LogInferenceFailed(ILogger logger, string model, long version, StatusCode status, string error);
}
