namespace Cluster.Grains.Security;

/// <summary>
/// Who may call a grain method that changes governance state: a cluster client (a gateway's admin
/// path; <see cref="Clients"/>) and/or grains of the listed classes. Any other caller, a grain of
/// another class included, is refused by <see cref="GovernanceCallerFilter"/>. Members are already
/// authenticated by mutual TLS; this keeps each member to its own role inside the cluster.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class CalledByAttribute(params Type[] grainClasses) : Attribute
{
    public IReadOnlyList<Type> GrainClasses { get; } = grainClasses;

    /// <summary>Whether cluster clients (gateways) may call it.</summary>
    public bool Clients { get; init; }
}
