using Cluster.Gateway.Metering;

namespace Cluster.BenchHost.Ungoverned;

/// <summary>Bench only, never in the product: meters nothing.</summary>
public sealed class NoUsageMeter : IUsageMeter
{
    public void Record(string tenantId, string keyId, string model, string version, string purpose, long units, long computeNs, long queueNs)
    {
    }
}
