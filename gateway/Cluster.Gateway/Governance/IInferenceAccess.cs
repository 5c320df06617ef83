using Cluster.Gateway.Security;

namespace Cluster.Gateway.Governance;

/// <summary>Decides which model version a caller's inference runs on, and under which purpose, or refuses it.</summary>
public interface IInferenceAccess
{
    ValueTask<InferenceGrant> ResolveForInferenceAsync(CallerIdentity caller, string name, string version, string? statedPurpose);
}
