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
        await ChangePublisher.PublishAsync(GrainFactory, ChangeKind.Key, record.KeyId);
        return true;
    }

    [CalledBy(typeof(TenantGrain))]
    public async Task Revoke(DateTimeOffset at)
    {
        if (state.State.Record is { RevokedAt: null } record)
        {
            state.State.Record = record with { RevokedAt = at };
            await state.WriteStateAsync();
        }
        // Also when already revoked: a repeated revocation re-publishes one whose notice failed.
        if (state.State.Record is not null) await ChangePublisher.PublishAsync(GrainFactory, ChangeKind.Key, this.GetPrimaryKeyString());
    }

    public Task<ApiKeyRecord?> Resolve() => Task.FromResult(state.State.Record);

    /// <summary>The stored entry.</summary>
    [GenerateSerializer, Alias("cluster.ApiKeyGrain.Entry")]
    public sealed class Entry
    {
        [Id(0)] public ApiKeyRecord? Record { get; set; }
    }
}
