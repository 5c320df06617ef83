namespace Cluster.Gateway.Metering;

/// <summary>Records each successful inference once, for billing.</summary>
public interface IUsageMeter
{
    void Record(string tenantId, string keyId, string model, string version, string purpose, long units, long computeNs, long queueNs);
}
