using Cluster.Gateway.Security;
using Cluster.Grains.Repository;

namespace Cluster.Gateway.Governance;

/// <summary>Decides which model version a caller's inference runs on, and under which purpose, or refuses it.</summary>
public interface IInferenceAccess
{
    ValueTask<(ModelVersionDescriptor Model, string Purpose)> ResolveForInferenceAsync(CallerIdentity caller, string name, string version, string? statedPurpose);
}
