using Cluster.Grains.Tenancy;

namespace Cluster.Grains.Tenancy;

/// <summary>A tenant's durable state (grain storage <c>governance</c>).</summary>
[GenerateSerializer, Alias("cluster.TenantRecord")]
public sealed class TenantRecord
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public string DisplayName { get; set; } = "";
    [Id(2)] public TenantState State { get; set; } = TenantState.Active;
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(5)] public string SuspendedReason { get; set; } = "";
    // A fresh instance, never the shared TenantPolicy.Empty: a deserialiser may fill a property's
    // existing value in place, and a shared default would then carry one tenant's policy to all.
    [Id(6)] public TenantPolicy Policy { get; set; } = new();
    [Id(7)] public List<StoredApiKey> Keys { get; set; } = [];

    /// <summary>The UTC day <see cref="UnitsUsedDay"/> counts (units leased to gateways, less those returned).</summary>
    [Id(8)] public DateTime UnitsDay { get; set; }
    [Id(9)] public long UnitsUsedDay { get; set; }

    /// <summary>The first day of the UTC month <see cref="UnitsUsedMonth"/> counts.</summary>
    [Id(10)] public DateTime UnitsMonth { get; set; }
    [Id(11)] public long UnitsUsedMonth { get; set; }
}
