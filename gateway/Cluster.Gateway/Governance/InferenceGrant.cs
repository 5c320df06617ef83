using Cluster.Grains.Quota;
using Cluster.Grains.Repository;

namespace Cluster.Gateway.Governance;

/// <summary>What access control decided for an inference: the version, the purpose, the version's lifecycle state and the tenant's limits.</summary>
public sealed record class InferenceGrant(ModelVersionDescriptor Model, string Purpose, string Lifecycle, TenantLimits Limits);
