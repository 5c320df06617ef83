namespace Cluster.Gateway.Hosting;

/// <summary>This gateway process's identity: names its quota leases and its usage batches.</summary>
public sealed class GatewayIdentity
{
    public string Id { get; } = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
