using Cluster.Gateway.Audit;
using Cluster.Grains.Audit;
using Cluster.Grains.Inference;

namespace Cluster.BenchHost.Ungoverned;

/// <summary>Bench only, never in the product: audits nothing (and so digests nothing).</summary>
public sealed class NoAuditor : IInferenceAuditor
{
    public string Digest(IReadOnlyList<InferenceTensor> tensors) => "";

    public void Record(AuditRecord record)
    {
    }

    public bool IsBacklogged => false;
}
