namespace Cluster.Grains.Tenancy;

/// <summary>
/// A model a tenant may use: <see cref="Version"/> is an exact version number, <c>latest</c> (the
/// newest ready version only) or <c>*</c> (any version).
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.Entitlement")]
public sealed record class Entitlement([property: Id(0)] string Model, [property: Id(1)] string Version)
{
    public const string Latest = "latest";
    public const string Any = "*";
}
