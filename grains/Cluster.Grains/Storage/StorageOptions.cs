namespace Cluster.Grains.Storage;

/// <summary>Durable state (configuration section <c>Storage</c>): Azure Storage, Azurite locally.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string GrainStorageName = "governance";
    public const string DefaultGrainStateTable = "grainstate";
    public const string DefaultGovernanceAuditTable = "governanceaudit";

    /// <summary>Azure Storage connection string (tables). Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table holding grain state (tenants, keys, model governance).</summary>
    public string GrainStateTable { get; set; } = DefaultGrainStateTable;

    /// <summary>Append-only table of governance changes.</summary>
    public string GovernanceAuditTable { get; set; } = DefaultGovernanceAuditTable;
}
