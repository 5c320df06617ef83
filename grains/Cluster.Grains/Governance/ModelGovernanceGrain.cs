using Cluster.Grains.Security;
using Cluster.Grains.Tenancy;

namespace Cluster.Grains.Governance;

/// <summary>
/// Lifecycle, approvals and registered artifact digests of one model's versions. New versions
/// register as Draft: nothing serves until an operator moves it on (deny by default).
/// </summary>
public sealed class ModelGovernanceGrain(
    [PersistentState("model", Storage.StorageOptions.GrainStorageName)] IPersistentState<ModelGovernanceRecord> state,
    GovernanceAuditStore audit,
    TimeProvider time) : Grain, IModelGovernanceGrain
{
    private string Model => this.GetPrimaryKeyString();

    [CalledBy(typeof(Repository.ModelRepositoryGrain))]
    public async Task<RegistrationResult> Register(long version, string artifactSha256, ModelCardFacts card, string ownerTenant)
    {
        var existing = Find(version);
        if (existing is not null && existing.ArtifactSha256 != artifactSha256)
            return new RegistrationResult(false, Repository.RegisteredDigests.MismatchReason(version, existing.ArtifactSha256, artifactSha256));
        var changed = false;
        if (state.State.OwnerTenant != ownerTenant)
        {
            await audit.AppendAsync(Actor.System, "model.owner", $"model/{Model}", "",
                new { owner = state.State.OwnerTenant }, new { owner = ownerTenant });
            state.State.OwnerTenant = ownerTenant;
            changed = true;
        }
        if (existing is null)
        {
            var registered = new VersionGovernance { Version = version, ArtifactSha256 = artifactSha256, Card = card, RegisteredAt = time.GetUtcNow() };
            await audit.AppendAsync(Actor.System, "model.register", Target(version), "", null, registered);
            state.State.Versions.Add(registered);
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
        return new RegistrationResult(true, "");
    }

    public Task<ModelGovernance> Get() =>
        Task.FromResult(new ModelGovernance(Model, state.State.OwnerTenant, [.. state.State.Versions.OrderBy(v => v.Version)]));

    [CalledBy(Clients = true)]
    public Task<VersionGovernance> SetLifecycle(long version, LifecycleState next, DateTimeOffset? sunsetAt, Actor actor)
    {
        if (!Enum.IsDefined(next)) throw GovernanceException.Invalid($"lifecycle state {(int)next} is not one of Draft, Validated, Approved, Deprecated, Retired.");
        var current = Require(version);
        if (current.State == LifecycleState.Retired && next != LifecycleState.Retired)
            throw new GovernanceException(GovernanceError.FailedPrecondition, "VERSION_RETIRED",
                $"model '{Model}' version {version} is Retired; a retired version cannot serve again. Register a new version.");
        if (next == LifecycleState.Deprecated && sunsetAt is null)
            throw GovernanceException.Invalid("a Deprecated version needs a sunset date (--sunset), after which it stops serving.");
        if (next != LifecycleState.Deprecated && sunsetAt is not null)
            throw GovernanceException.Invalid("a sunset date applies to the Deprecated state only.");
        return Change(version, current with { State = next, SunsetAt = sunsetAt }, "model.lifecycle", actor);
    }

    [CalledBy(Clients = true)]
    public Task<VersionGovernance> Approve(long version, string? tenantId, Actor actor)
    {
        var current = Require(version);
        if (tenantId is null) return Change(version, current with { ApprovedForAll = true }, "model.approve", actor);
        CheckTenant(tenantId);
        return Change(version, current with { ApprovedTenants = [.. current.ApprovedTenants.Append(tenantId).Distinct().Order(StringComparer.Ordinal)] }, "model.approve", actor);
    }

    [CalledBy(Clients = true)]
    public Task<VersionGovernance> Withdraw(long version, string? tenantId, Actor actor)
    {
        var current = Require(version);
        if (tenantId is null) return Change(version, current with { ApprovedForAll = false }, "model.withdraw", actor);
        CheckTenant(tenantId);
        return Change(version, current with { ApprovedTenants = current.ApprovedTenants.Where(t => t != tenantId).ToArray() }, "model.withdraw", actor);
    }

    private async Task<VersionGovernance> Change(long version, VersionGovernance after, string action, Actor actor)
    {
        var index = state.State.Versions.FindIndex(v => v.Version == version);
        var before = state.State.Versions[index];
        if (before.State == after.State && before.SunsetAt == after.SunsetAt && before.ApprovedForAll == after.ApprovedForAll
            && before.ApprovedTenants.SequenceEqual(after.ApprovedTenants))
            return before;
        await audit.AppendAsync(actor, action, Target(version), "", Summary(before), Summary(after));
        state.State.Versions[index] = after;
        await state.WriteStateAsync();
        return after;
    }

    private VersionGovernance? Find(long version) => state.State.Versions.Find(v => v.Version == version);

    private VersionGovernance Require(long version) => Find(version)
        ?? throw new GovernanceException(GovernanceError.NotFound, "VERSION_NOT_FOUND", $"model '{Model}' has no registered version {version}.");

    private static void CheckTenant(string tenantId)
    {
        if (!TenantIds.IsValid(tenantId)) throw GovernanceException.Invalid($"tenant id '{tenantId}' must match [a-z0-9-]{{2,63}}.");
    }

    private string Target(long version) => $"model/{Model}/{version}";

    private static object Summary(VersionGovernance v) => new
    {
        state = v.State.ToString(),
        sunset = v.SunsetAt,
        approvedForAll = v.ApprovedForAll,
        approvedTenants = v.ApprovedTenants,
    };
}
