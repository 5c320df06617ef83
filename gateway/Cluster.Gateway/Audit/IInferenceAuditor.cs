using Cluster.Grains.Audit;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Audit;

/// <summary>Records every inference decision, allowed or denied, in the tenant's audit trail.</summary>
public interface IInferenceAuditor
{
    /// <summary>What the trail keeps of a set of tensors instead of their contents (<see cref="TensorDigest"/>).</summary>
    string Digest(IReadOnlyList<InferenceTensor> tensors);

    void Record(AuditRecord record);

    /// <summary>Whether the records not yet stored are over <c>Metering:MaxBufferedAuditRecords</c>: serve no new inference.</summary>
    bool IsBacklogged { get; }
}
