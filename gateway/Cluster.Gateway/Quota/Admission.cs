namespace Cluster.Gateway.Quota;

/// <summary>An admitted request's hold on its tenant's concurrency; disposing it ends the hold.</summary>
public readonly struct Admission(TenantQuotaGate? gate) : IDisposable
{
    public static Admission Unlimited => default;

    public void Dispose() => gate?.Release();
}
