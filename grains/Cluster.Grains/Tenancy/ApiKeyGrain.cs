using Cluster.Grains.Security;
namespace Cluster.Grains.Tenancy;

/// <summary>The key directory entry for one key id; written by the owning tenant grain only.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("apikey", Storage.StorageOptions.GrainStorageName)] IPersistentState<ApiKeyGrain.Entry> state)
    : Grain, IApiKeyGrain
{
    [CalledBy(typeof(TenantGrain))]
    public async Task<bool> Register(ApiKeyRecord record)
    {
        if (state.State.Record is { } existing) return existing.TenantId == record.TenantId && existing.SecretSha256.AsSpan().SequenceEqual(record.SecretSha256);
        state.State.Record = record;
        await state.WriteStateAsync();
        return true;
    }

    [CalledBy(typeof(TenantGrain))]
    public async Task Revoke(DateTimeOffset at)
    {
        if (state.State.Record is not { RevokedAt: null } record) return;
        state.State.Record = record with { RevokedAt = at };
        await state.WriteStateAsync();
    }

    public Task<ApiKeyRecord?> Resolve() => Task.FromResult(state.State.Record);

    /// <summary>The stored entry.</summary>
    [GenerateSerializer, Alias("cluster.ApiKeyGrain.Entry")]
    public sealed class Entry
    {
        [Id(0)] public ApiKeyRecord? Record { get; set; }
    }
}
