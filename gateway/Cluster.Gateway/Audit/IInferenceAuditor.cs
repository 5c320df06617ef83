using Cluster.Grains.Audit;

namespace Cluster.Gateway.Audit;

/// <summary>Records every inference decision, allowed or denied, in the tenant's audit trail.</summary>
public interface IInferenceAuditor
{
    void Record(AuditRecord record);
}
