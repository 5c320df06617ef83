using System.Diagnostics;
using Cluster.Gateway.Security;
using Cluster.Gateway.Serving;
using Cluster.Grains.Repository;
using Cluster.Grains.Tracing;

namespace Cluster.Gateway.Telemetry;

/// <summary>
/// The gateway's spans (ActivitySource <see cref="SourceName"/>): one <c>infer</c> span per
/// inference, a child of ASP.NET Core's server span (which continues the client's
/// <c>traceparent</c>) and the parent of the Orleans grain call to the shard. It carries the tenant,
/// the resolved model and version and the shard attempts; on failure the error reason (a fixed
/// <see cref="ErrorReasons"/> word). Never the request id, the key or any tensor.
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "Cluster.Gateway";
    public const string InferSpan = "infer";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the inference span; null when no listener samples it.</summary>
    public static Activity? StartInfer(CallerIdentity caller)
    {
        var span = Source.StartActivity(InferSpan, ActivityKind.Internal);
        if (span is { IsAllDataRequested: true } && caller.TenantId is { } tenant) span.SetTag(TraceTags.Tenant, tenant);
        return span;
    }

    /// <summary>The model and version governance resolved (the catalog's names, not the client's text).</summary>
    public static void Resolved(Activity? span, ModelVersionDescriptor model)
    {
        if (span is not { IsAllDataRequested: true }) return;
        span.SetTag(TraceTags.Model, model.Name);
        span.SetTag(TraceTags.Version, model.VersionText);
    }

    /// <summary>How many times the shard was called for this inference (1 without retries); set on the current inference span.</summary>
    public static void Attempts(int attempts)
    {
        if (Activity.Current is { IsAllDataRequested: true } span && ReferenceEquals(span.Source, Source)) span.SetTag(TraceTags.Attempts, attempts);
    }

    public static void Failed(Activity? span, ServingException error)
    {
        if (span is null) return;
        span.SetStatus(ActivityStatusCode.Error, error.Reason);
        span.SetTag(TraceTags.ErrorReason, error.Reason);
    }
}
