using Cluster.Grains.Security;
using Cluster.Grains.Inference;
using Cluster.Grains.Governance;
using Cluster.Grains.Quota;

namespace Cluster.Grains.Tenancy;

/// <summary>
/// A health system: the single writer of its state, policy and keys. Every change is written to
/// the governance audit trail before it takes effect, so no change is effective without its record.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", Storage.StorageOptions.GrainStorageName)] IPersistentState<TenantRecord> state,
    GovernanceAuditStore audit,
    TimeProvider time) : Grain, ITenantGrain, ITenantQuota
{
    private readonly QuotaLedger _quota = new(time);

    public const int MaxNameLength = 200;
    public const int MaxKeysPerTenant = 100;

    private string Id => this.GetPrimaryKeyString();
    private TenantRecord T => state.State;

    [CalledBy(Clients = true)]
    public async Task<TenantInfo> Create(string displayName, Actor actor)
    {
        if (!TenantIds.IsValid(Id))
            throw GovernanceException.Invalid($"tenant id '{ClientText.Clip(Id)}' must match [a-z0-9-]{{2,63}}.");
        CheckName("display name", displayName, MaxNameLength);
        if (T.Exists)
            throw new GovernanceException(GovernanceError.AlreadyExists, "TENANT_EXISTS", $"tenant '{Id}' already exists.");
        var now = time.GetUtcNow();
        // The empty (deny-all) policy is revision 1, so every stored policy has a revision a
        // conditional change can name (0 means unconditional).
        var created = new TenantRecord
        {
            Exists = true, DisplayName = displayName, State = TenantState.Active, CreatedAt = now, UpdatedAt = now,
            Policy = new TenantPolicy { Revision = 1, UpdatedAt = now, UpdatedBy = actor.ToString() },
        };
        await audit.AppendAsync(actor, "tenant.create", $"tenant/{Id}", Id, null, Info(created));
        state.State = created;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.DefaultKey).Add(Id);
        await PublishAsync();
        return Info(T);
    }

    public Task<TenantInfo> Get()
    {
        RequireExists();
        return Task.FromResult(Info(T));
    }

    [CalledBy(Clients = true)]
    public Task<TenantInfo> Suspend(string reason, Actor actor)
    {
        CheckName("suspension reason", reason, MaxNameLength, allowEmpty: true);
        return ChangeState(TenantState.Suspended, reason, "tenant.suspend", actor);
    }

    [CalledBy(Clients = true)]
    public Task<TenantInfo> Resume(Actor actor) => ChangeState(TenantState.Active, "", "tenant.resume", actor);

    private async Task<TenantInfo> ChangeState(TenantState next, string reason, string action, Actor actor)
    {
        RequireExists();
        var before = Info(T);
        if (T.State == next && T.SuspendedReason == reason)
        {
            // Repeating a change publishes it again (a retry after CHANGE_NOT_PUBLISHED).
            await PublishAsync();
            return before;
        }
        var after = before with { State = next, SuspendedReason = reason, UpdatedAt = time.GetUtcNow() };
        await audit.AppendAsync(actor, action, $"tenant/{Id}", Id, before, after);
        (T.State, T.SuspendedReason, T.UpdatedAt) = (next, reason, after.UpdatedAt);
        await state.WriteStateAsync();
        await PublishAsync();
        return Info(T);
    }

    [CalledBy(Clients = true)]
    public async Task<IssuedApiKey> IssueKey(string name, DateTimeOffset? expiresAt, Actor actor)
    {
        RequireExists();
        CheckName("key name", name, MaxNameLength);
        var now = time.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now)
            throw GovernanceException.Invalid($"key expiry {expiry:O} is not in the future.");
        if (T.Keys.Count(k => k.RevokedAt is null) >= MaxKeysPerTenant)
            throw new GovernanceException(GovernanceError.FailedPrecondition, "TOO_MANY_KEYS", $"tenant '{Id}' already has {MaxKeysPerTenant} active keys; revoke one first.");

        for (var attempt = 0; ; attempt++)
        {
            var (keyId, credential, hash) = ApiKeyCredential.Create(ApiKeyCredential.TenantPrefix);
            var key = new StoredApiKey { KeyId = keyId, Name = name, CreatedAt = now, ExpiresAt = expiresAt, CreatedBy = actor.ToString(), SecretSha256 = hash };
            await audit.AppendAsync(actor, "key.issue", $"key/{Id}/{keyId}", Id, null, key.ToInfo(Id));
            T.Keys.Add(key);
            T.UpdatedAt = now;
            await state.WriteStateAsync();
            // The directory entry comes second: a crash in between leaves a listed key that no
            // gateway accepts (fails closed), and its secret was never shown.
            if (await GrainFactory.GetGrain<IApiKeyGrain>(keyId).Register(new ApiKeyRecord(keyId, Id, hash, expiresAt, null)))
                return new IssuedApiKey(key.ToInfo(Id), credential);
            T.Keys.Remove(key);
            await state.WriteStateAsync();
            if (attempt >= 3) throw new InvalidOperationException("could not allocate a unique key id.");
        }
    }

    public Task<ApiKeyInfo[]> ListKeys()
    {
        RequireExists();
        return Task.FromResult(T.Keys.OrderBy(k => k.CreatedAt).Select(k => k.ToInfo(Id)).ToArray());
    }

    [CalledBy(Clients = true)]
    public async Task<ApiKeyInfo> RevokeKey(string keyId, Actor actor)
    {
        RequireExists();
        var key = T.Keys.Find(k => k.KeyId == keyId)
            ?? throw new GovernanceException(GovernanceError.NotFound, "KEY_NOT_FOUND", $"tenant '{Id}' has no key '{ClientText.Clip(keyId)}'.");
        if (key.RevokedAt is not null) return key.ToInfo(Id);
        var now = time.GetUtcNow();
        var before = key.ToInfo(Id);
        await audit.AppendAsync(actor, "key.revoke", $"key/{Id}/{keyId}", Id, before, before with { RevokedAt = now });
        // The directory first: the revocation is effective before the tenant's own list says so.
        await GrainFactory.GetGrain<IApiKeyGrain>(keyId).Revoke(now);
        key.RevokedAt = now;
        T.UpdatedAt = now;
        await state.WriteStateAsync();
        return key.ToInfo(Id);
    }

    public Task<TenantPolicy> GetPolicy()
    {
        RequireExists();
        return Task.FromResult(T.Policy);
    }

    [CalledBy(Clients = true)]
    public async Task<TenantPolicy> SetPolicy(Entitlement[] entitlements, string[] permittedPurposes, string defaultPurpose, TenantLimits limits, long expectedRevision, Actor actor)
    {
        RequireExists();
        PolicyValidator.Validate(entitlements, permittedPurposes, defaultPurpose);
        PolicyValidator.Validate(limits);
        if (expectedRevision != 0 && expectedRevision != T.Policy.Revision)
            throw new GovernanceException(GovernanceError.FailedPrecondition, "POLICY_REVISION_CHANGED",
                $"tenant '{Id}' policy is at revision {T.Policy.Revision}; the change was based on revision {expectedRevision}. Read it again and retry.");
        var after = new TenantPolicy
        {
            Entitlements = entitlements.Distinct().ToArray(),
            PermittedPurposes = permittedPurposes.Distinct().ToArray(),
            DefaultPurpose = defaultPurpose,
            Limits = limits,
            Revision = T.Policy.Revision + 1,
            UpdatedAt = time.GetUtcNow(),
            UpdatedBy = actor.ToString(),
        };
        await audit.AppendAsync(actor, "policy.set", $"policy/{Id}", Id, T.Policy, after);
        T.Policy = after;
        T.UpdatedAt = after.UpdatedAt;
        await state.WriteStateAsync();
        await PublishAsync();
        return after;
    }

    public async Task<QuotaLease> Lease(QuotaLeaseRequest request)
    {
        var (lease, changed) = _quota.Lease(T.Policy.Limits, T, request);
        if (changed) await state.WriteStateAsync();
        return lease;
    }

    public async Task Return(string gatewayId, int tokens, long units, int slots, DateTimeOffset leasedAt)
    {
        if (_quota.Return(T.Policy.Limits, T, gatewayId, tokens, units, slots, leasedAt)) await state.WriteStateAsync();
    }

    public Task<TenantAccess> GetAccess() => Task.FromResult(new TenantAccess(Id, T.Exists, T.State, T.Policy));

    /// <summary>Tells gateways that <see cref="GetAccess"/>'s answer changed (after the state write, before answering).</summary>
    private Task PublishAsync() => ChangePublisher.PublishAsync(GrainFactory, ChangeKind.Tenant, Id);

    private void RequireExists()
    {
        if (!T.Exists) throw new GovernanceException(GovernanceError.NotFound, "TENANT_NOT_FOUND", $"tenant '{ClientText.Clip(Id)}' not found.");
    }

    private TenantInfo Info(TenantRecord r) => new(Id, r.DisplayName, r.State, r.CreatedAt, r.UpdatedAt, r.SuspendedReason);

    private static void CheckName(string what, string value, int max, bool allowEmpty = false)
    {
        if (!allowEmpty && string.IsNullOrWhiteSpace(value)) throw GovernanceException.Invalid($"{what} must not be empty.");
        if (value.Length > max) throw GovernanceException.Invalid($"{what} is {value.Length} characters; at most {max}.");
        if (value.Any(char.IsControl)) throw GovernanceException.Invalid($"{what} must not contain control characters.");
    }
}
