using Cluster.Admin.V1;
using Cluster.Grains.Governance;
using Cluster.Grains.Repository;
using Cluster.Grains.Tenancy;
using Google.Protobuf.WellKnownTypes;

namespace Cluster.Gateway.Admin;

/// <summary>Grain records to admin API messages.</summary>
public static class AdminMappings
{
    public static Tenant Tenant(TenantInfo t) => new()
    {
        Id = t.Id,
        DisplayName = t.DisplayName,
        State = t.State == Grains.Tenancy.TenantState.Suspended ? Cluster.Admin.V1.TenantState.Suspended : Cluster.Admin.V1.TenantState.Active,
        CreatedAt = Timestamp.FromDateTimeOffset(t.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(t.UpdatedAt),
        SuspendedReason = t.SuspendedReason,
    };

    public static ApiKey Key(ApiKeyInfo k) => new()
    {
        KeyId = k.KeyId,
        TenantId = k.TenantId,
        Name = k.Name,
        CreatedAt = Timestamp.FromDateTimeOffset(k.CreatedAt),
        ExpiresAt = k.ExpiresAt is { } e ? Timestamp.FromDateTimeOffset(e) : null,
        Revoked = k.RevokedAt is not null,
        RevokedAt = k.RevokedAt is { } r ? Timestamp.FromDateTimeOffset(r) : null,
        CreatedBy = k.CreatedBy,
    };

    public static Policy Policy(string tenantId, TenantPolicy p)
    {
        var policy = new Policy
        {
            TenantId = tenantId,
            DefaultPurpose = p.DefaultPurpose,
            Revision = p.Revision,
            UpdatedAt = p.Revision > 0 ? Timestamp.FromDateTimeOffset(p.UpdatedAt) : null,
            UpdatedBy = p.UpdatedBy,
            Limits = new Limits
            {
                RatePerSecond = p.Limits.RatePerSecond,
                Burst = p.Limits.Burst,
                Concurrency = p.Limits.Concurrency,
                DailyUnits = p.Limits.DailyUnits,
                MonthlyUnits = p.Limits.MonthlyUnits,
                FairShareWeight = p.Limits.FairShareWeight,
            },
        };
        policy.Entitlements.Add(p.Entitlements.Select(e => new Cluster.Admin.V1.Entitlement { Model = e.Model, Version = e.Version }));
        policy.PermittedPurposes.Add(p.PermittedPurposes);
        return policy;
    }

    public static ModelVersion Version(string model, ModelGovernance governance, VersionGovernance? v, long version, ModelVersionDescriptor? served)
    {
        var message = new ModelVersion
        {
            Model = model,
            Version = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            State = (Cluster.Admin.V1.LifecycleState)(int)(v?.State ?? Grains.Governance.LifecycleState.Draft),
            SunsetAt = v?.SunsetAt is { } s ? Timestamp.FromDateTimeOffset(s) : null,
            Card = v is null ? new ModelCard() : new ModelCard
            {
                IntendedUse = v.Card.IntendedUse,
                TrainingData = v.Card.TrainingData,
                Evaluation = v.Card.Evaluation,
                Limitations = v.Card.Limitations,
            },
            ArtifactSha256 = v?.ArtifactSha256 ?? served?.ArtifactSha256 ?? "",
            ApprovedForAllTenants = v?.ApprovedForAll ?? false,
            OwnerTenant = governance.OwnerTenant,
            ServingState = served is null ? "UNAVAILABLE" : served.IsReady ? "READY" : "UNAVAILABLE",
            ServingReason = served is null ? "not in the repository" : served.Reason,
            RegisteredAt = v is null ? null : Timestamp.FromDateTimeOffset(v.RegisteredAt),
        };
        if (v is not null) message.ApprovedTenants.Add(v.ApprovedTenants);
        return message;
    }

    public static Cluster.Admin.V1.GovernanceEvent Event(Grains.Governance.GovernanceEvent e) => new()
    {
        Id = e.Id,
        Time = Timestamp.FromDateTimeOffset(e.Time),
        Actor = e.Actor,
        Action = e.Action,
        Target = e.Target,
        TenantId = e.TenantId,
        BeforeJson = e.BeforeJson,
        AfterJson = e.AfterJson,
    };
}
