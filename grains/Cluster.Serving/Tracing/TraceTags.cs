namespace Cluster.Grains.Tracing;

/// <summary>
/// The attribute names the cluster's spans carry (docs/observability.md, "Tracing"): the tenant, the
/// model and version, retries, batch rows and the device. Nothing a request carries goes on a
/// span: no tensor contents, no request id (client-chosen text), no key or header.
/// </summary>
public static class TraceTags
{
    public const string Tenant = "cluster.tenant";
    public const string Model = "model.name";
    public const string Version = "model.version";
    public const string Attempts = "shard.attempts";
    public const string ErrorReason = "error.reason";
    public const string BatchSize = "batch.size";
    public const string BatchRequests = "batch.requests";
    public const string Device = "device";
}
