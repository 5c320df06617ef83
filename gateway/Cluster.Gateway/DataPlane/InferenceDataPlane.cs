using System.Diagnostics;
using Cluster.Gateway.Audit;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Metrics;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Retries;
using Cluster.Gateway.Security;
using Cluster.Gateway.Serving;
using Cluster.Gateway.Telemetry;
using Cluster.Grains.Audit;
using Cluster.Grains.Governance;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;

namespace Cluster.Gateway.DataPlane;

/// <summary>
/// The one data plane behind the gRPC and REST frontends, which read their messages into one
/// <see cref="InferenceCall"/>. For each call: governance decides the version and purpose
/// (<see cref="IInferenceAccess"/>), a message the frontend could not read is refused, the contract is checked, the tenant's limits admit it (<see cref="IAdmissionControl"/>),
/// a shard runs it (one network hop, sent again where the shard was lost: <see cref="ShardCaller"/>), a success is metered once (<see cref="IUsageMeter"/>), and
/// every decision, allowed or denied, is audited (<see cref="IInferenceAuditor"/>). No step makes a
/// grain call of its own on the hot path. Every failure leaves as a <see cref="ServingException"/> with
/// a precise code and reason; the frontends map it to their protocol. Each call is one <c>infer</c>
/// span (<see cref="GatewayTracing"/>) when tracing is on.
/// </summary>
public sealed partial class InferenceDataPlane(
    IInferenceAccess access, IAdmissionControl admission, IUsageMeter meter, IInferenceAuditor auditor, ShardCaller shards,
    InferenceMetrics metrics, TenantMetrics tenantMetrics, TimeProvider time, ILogger<InferenceDataPlane> logger)
{
    public async Task<(ModelVersionDescriptor Model, InferenceResponse Response)> InferAsync(
        CallerIdentity caller, InferenceCall call, CancellationToken cancellationToken)
    {
        var (name, version, purpose, requestId) = (call.Model, call.Version, call.Purpose, call.Id);
        var start = Stopwatch.GetTimestamp();
        using var span = GatewayTracing.StartInfer(caller);
        InferenceGrant? grant = null;
        long units = 0;
        var inputDigest = "";
        try
        {
            grant = await access.ResolveForInferenceAsync(caller, name, version, purpose);
            var model = grant.Model;
            GatewayTracing.Resolved(span, model);
            using var pending = metrics.TrackPending(model.Name, model.VersionText);
            if (call.Unreadable is { } unreadable) throw unreadable;
            if (auditor.IsBacklogged)
                throw new ServingException(ServingCode.Unavailable, ErrorReasons.AuditBacklog,
                    "the audit trail is not keeping up (storage or silos unreachable); no inference runs unaudited. Retry later.");
            var request = call.ToRequest(model.Name, model.Version, caller.TenantId ?? "", grant.Limits.FairShareWeight);
            RequestValidator.Validate(model, request);
            units = request.BatchSize(model.MaxBatchSize > 0);
            inputDigest = auditor.Digest(request.Inputs);
            using (await admission.AdmitAsync(caller.TenantId!, grant.Limits, units, cancellationToken))
            {
                tenantMetrics.Admitted(caller.TenantId!);
                var response = await shards.InferAsync(model, request, cancellationToken);
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
            GatewayTracing.Failed(span, error);
            var elapsed = Stopwatch.GetElapsedTime(start);
            metrics.RecordFailure(grant?.Model.Name ?? InferenceMetrics.UnresolvedModel, grant?.Model.VersionText ?? "", ServingCodeNames.Of(error.Code), elapsed.TotalSeconds);
            var reason = error.Reason;
            if (caller.TenantId is { } tenant && error.Code is ServingCode.PermissionDenied or ServingCode.InvalidArgument or ServingCode.NotFound)
                tenantMetrics.Rejected(tenant, reason);
            auditor.Record(Audit(caller, name, version, purpose, requestId, grant) with
            {
                Decision = IsDenial(error.Code) ? AuditRecord.Denied : AuditRecord.Allowed,
                Reason = reason,
                StatusCode = (int)error.Code,
                LatencyMs = elapsed.TotalMilliseconds,
                InputSha256 = inputDigest,
            });
            if (error.Code is ServingCode.Unavailable or ServingCode.DeadlineExceeded or ServingCode.Internal)
                LogInferenceFailed(logger, name, version, error.Code, ex.GetType().Name);
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

    /// <summary>The call was refused (client side of the line) rather than failing after it was allowed.</summary>
    private static bool IsDenial(ServingCode code) => code is ServingCode.Unauthenticated or ServingCode.PermissionDenied or ServingCode.NotFound
        or ServingCode.InvalidArgument or ServingCode.ResourceExhausted or ServingCode.FailedPrecondition;

    /// <summary>Every failure in the data plane's terms: refusals pass through, a shard's status and cluster faults are classified once.</summary>
    private static ServingException Translate(Exception ex, string model, CancellationToken cancellationToken) => ex switch
    {
        ServingException serving => serving,
        InferenceException inference => ServingException.FromInference(inference.Status, inference.Message),
        GovernanceException governance => ServingException.FromGovernance(governance),
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            new(ServingCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded,
                $"the call to model '{ClientText.Clip(model)}' ended (deadline or cancellation) before the shard answered."),
        TimeoutException =>
            new(ServingCode.DeadlineExceeded, ErrorReasons.DeadlineExceeded, $"model '{ClientText.Clip(model)}' did not answer within the gateway's timeout."),
        _ => new(ServingCode.Unavailable, ErrorReasons.ShardUnavailable,
                $"no silo could serve model '{ClientText.Clip(model)}' right now ({ex.GetType().Name}); retry."),
    };

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Inference on {Model} version {Version} failed with {Status} ({Error})")]
    private static partial void LogInferenceFailed(ILogger logger, string model, string version, ServingCode status, string error);
}
