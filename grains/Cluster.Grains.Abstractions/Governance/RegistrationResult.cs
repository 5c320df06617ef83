namespace Cluster.Grains.Governance;

/// <summary>The outcome of registering a loaded version: accepted, or refused because its artifact changed.</summary>
[GenerateSerializer, Immutable, Alias("cluster.RegistrationResult")]
public sealed record class RegistrationResult([property: Id(0)] bool Accepted, [property: Id(1)] string Reason);
