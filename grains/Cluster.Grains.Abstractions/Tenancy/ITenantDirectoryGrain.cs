namespace Cluster.Grains.Tenancy;

/// <summary>The list of tenant ids (key <see cref="DefaultKey"/>), for listing.</summary>
[Alias("cluster.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithStringKey
{
    const string DefaultKey = "default";

    [Alias("Add")]
    Task Add(string tenantId);

    [Alias("List")]
    Task<string[]> List();
}
