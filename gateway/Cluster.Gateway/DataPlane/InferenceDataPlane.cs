using System.Diagnostics;
using Cluster.Gateway.Audit;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Metrics;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Security;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.DataPlane;

/// <summary>
/// The one data plane behind the gRPC and REST frontends. For each call: governance decides the
/// version and purpose (<see cref="IInferenceAccess"/>), the frontend's reader turns the message
/// into tensors, the contract is checked, the tenant's limits admit it (<see cref="IAdmissionControl"/>),
/// a shard runs it (one network hop), a success is metered once (<see cref="IUsageMeter"/>), and
/// every decision, allowed or denied, is audited (<see cref="IInferenceAuditor"/>). No step makes a
/// grain call of its own on the hot path. Every failure becomes an RpcException with a precise status.
/// </summary>
public sealed partial class InferenceDataPlane(
    IInferenceAccess access, IAdmissionControl admission, IUsageMeter meter, IInferenceAuditor auditor, ShardRouter router,
    InferenceMetrics metrics, TenantMetrics tenantMetrics, IOptions<GatewayOptions> options, TimeProvider time, ILogger<InferenceDataPlane> logger)
{
    public async Task<(ModelVersionDescriptor Model, InferenceResponse Response)> InferAsync<TMessage>(
        CallerIdentity caller, string name, string version, string? purpose, string requestId,
        TMessage message, Func<ModelVersionDescriptor, TMessage, InferenceRequest> read, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        InferenceGrant? grant = null;
        long units = 0;
        var inputDigest = "";
        try
        {
            grant = await access.ResolveForInferenceAsync(caller, name, version, purpose);
            var model = grant.Model;
            using var pending = metrics.TrackPending(model.Name, model.VersionText);
            var request = read(model, message) with { TenantId = caller.TenantId ?? "", Weight = grant.Limits.FairShareWeight };
            RequestValidator.Validate(model, request);
            units = request.BatchSize(model.MaxBatchSize > 0);
            inputDigest = auditor.Digest(request.Inputs);
            using (await admission.AdmitAsync(caller.TenantId!, grant.Limits, units))
            {
                tenantMetrics.Admitted(caller.TenantId!);
                var response = await RunAsync(model, request, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(start);
                metrics.RecordSuccess(model.Name, model.VersionText, units, elapsed.TotalSeconds, response.Timings);
                tenantMetrics.Units(caller.TenantId!, units);
                meter.Record(caller.TenantId!, caller.KeyId, model.Name, model.VersionText, grant.Purpose, units,
                    response.Timings.ComputeInputNs + response.Timings.ComputeInferNs + response.Timings.ComputeOutputNs, response.Timings.QueueNs);
                auditor.Record(Audit(caller, name, version, purpose, requestId, grant) with
                {
                    Decision = AuditRecord.Allowed,
                    Units = units,
                    LatencyMs = elapsed.TotalMilliseconds,
                    Silo = response.Silo,
                    Device = response.Device,
                    InputSha256 = inputDigest,
                    OutputSha256 = auditor.Digest(response.Outputs),
                });
                return (model, response);
            }
        }
        catch (Exception ex)
        {
            var error = Translate(ex, name, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start);
            metrics.RecordFailure(grant?.Model.Name ?? InferenceMetrics.UnresolvedModel, grant?.Model.VersionText ?? "", StatusNames.Of(error.StatusCode), elapsed.TotalSeconds);
            var reason = error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? StatusNames.Of(error.StatusCode);
            if (caller.TenantId is { } tenant && error.StatusCode is StatusCode.PermissionDenied or StatusCode.InvalidArgument or StatusCode.NotFound)
                tenantMetrics.Rejected(tenant, reason);
            auditor.Record(Audit(caller, name, version, purpose, requestId, grant) with
            {
                Decision = IsDenial(error.StatusCode) ? AuditRecord.Denied : AuditRecord.Allowed,
                Reason = reason,
                StatusCode = (int)error.StatusCode,
                LatencyMs = elapsed.TotalMilliseconds,
                InputSha256 = inputDigest,
            });
            if (error.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
                LogInferenceFailed(logger, name, version, error.StatusCode, ex.GetType().Name);
            if (ReferenceEquals(error, ex)) throw;
            throw error;
        }
    }

    /// <summary>The audit record's common part: who, what, under which purpose and lifecycle.</summary>
    private AuditRecord Audit(CallerIdentity caller, string name, string version, string? purpose, string requestId, InferenceGrant? grant) => new()
    {
        Time = time.GetUtcNow(),
        RequestId = ClientText.Cap(requestId),
        TenantId = caller.TenantId ?? "",
        KeyId = caller.KeyId,
        Purpose = grant?.Purpose ?? ClientText.Cap(purpose ?? ""),
        Model = grant?.Model.Name ?? ClientText.Cap(name),
        Version = grant?.Model.VersionText ?? ClientText.Cap(version),
        ArtifactSha256 = grant?.Model.ArtifactSha256 ?? "",
        Lifecycle = grant?.Lifecycle ?? "",
    };

    private async Task<InferenceResponse> RunAsync(ModelVersionDescriptor model, InferenceRequest request, CancellationToken cancellationToken)
    {
        InferenceResponse response;
        using (var lease = router.Acquire(model))
        {
            response = await lease.Grain.Infer(request).WaitAsync(options.Value.DefaultInferenceTimeout, cancellationToken);
        }
        return response.IsOk ? response : throw GrpcErrors.FromInference(response.Status, response.Message);
    }

    /// <summary>The call was refused (client side of the line) rather than failing after it was allowed.</summary>
    private static bool IsDenial(StatusCode code) => code is StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.NotFound
        or StatusCode.InvalidArgument or StatusCode.ResourceExhausted or StatusCode.FailedPrecondition;

    private static RpcException Translate(Exception ex, string model, CancellationToken cancellationToken) => ex switch
    {
        RpcException rpc => rpc,
        InferenceException inference => GrpcErrors.FromInference(inference.Status, inference.Message),
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            GrpcErrors.Create(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded,
                $"the call to model '{model}' ended (deadline or cancellation) before the shard answered."),
        TimeoutException =>
            GrpcErrors.Create(StatusCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded, $"model '{model}' did not answer within the gateway's timeout."),
        _ => GrpcErrors.Create(StatusCode.Unavailable, ErrorReasons.ShardUnavailable,
                $"no silo could serve model '{model}' right now ({ex.GetType().Name}); retry."),
    };

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Inference on {Model} version {Version} failed with {Status} ({Error})")]
    private static partial void LogInferenceFailed(ILogger logger, string model, string version, StatusCode status, string error);
}
