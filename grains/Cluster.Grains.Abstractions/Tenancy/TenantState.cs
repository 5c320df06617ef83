namespace Cluster.Grains.Tenancy;

/// <summary>Whether a tenant's calls are served.</summary>
public enum TenantState
{
    Active = 1,
    Suspended = 2,
}
