namespace Cluster.Grains.Tenancy;

/// <summary>A newly issued key: the only time its secret exists outside the caller.</summary>
[GenerateSerializer, Immutable, Alias("cluster.IssuedApiKey")]
public sealed record class IssuedApiKey([property: Id(0)] ApiKeyInfo Key, [property: Id(1)] string Credential)
{
    public override string ToString() => $"IssuedApiKey {Key.KeyId} (secret hidden)";
}
