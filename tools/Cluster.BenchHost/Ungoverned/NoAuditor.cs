using Cluster.Gateway.Audit;
using Cluster.Grains.Audit;

namespace Cluster.BenchHost.Ungoverned;

/// <summary>Bench only, never in the product: audits nothing.</summary>
public sealed class NoAuditor : IInferenceAuditor
{
    public void Record(AuditRecord record)
    {
    }
}
