using Cluster.Grains.Security;
namespace Cluster.Grains.Tenancy;

/// <summary>The list of tenant ids, for <c>tenant list</c>.</summary>
public sealed class TenantDirectoryGrain(
    [PersistentState("tenants", Storage.StorageOptions.GrainStorageName)] IPersistentState<TenantDirectoryGrain.Entry> state)
    : Grain, ITenantDirectoryGrain
{
    [CalledBy(typeof(TenantGrain))]
    public async Task Add(string tenantId)
    {
        if (!state.State.Ids.Add(tenantId)) return;
        await state.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult(state.State.Ids.Order(StringComparer.Ordinal).ToArray());

    /// <summary>The stored entry.</summary>
    [GenerateSerializer, Alias("cluster.TenantDirectoryGrain.Entry")]
    public sealed class Entry
    {
        [Id(0)] public HashSet<string> Ids { get; set; } = new(StringComparer.Ordinal);
    }
}
