namespace Cluster.Grains.Storage;

/// <summary>Durable state (configuration section <c>Storage</c>): Azure Storage, Azurite locally.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string GrainStorageName = "governance";
    public const string DefaultGrainStateTable = "grainstate";
    public const string DefaultGovernanceAuditTable = "governanceaudit";
    public const string DefaultUsageTable = "usage";
    public const string DefaultInferenceAuditTable = "inferenceaudit";

    /// <summary>Azure Storage connection string (tables). Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Table holding grain state (tenants, keys, model governance).</summary>
    public string GrainStateTable { get; set; } = DefaultGrainStateTable;

    /// <summary>Append-only table of governance changes.</summary>
    public string GovernanceAuditTable { get; set; } = DefaultGovernanceAuditTable;

    /// <summary>Metered usage rows, one per flushed aggregate.</summary>
    public string UsageTable { get; set; } = DefaultUsageTable;

    /// <summary>The hash-chained inference audit trail.</summary>
    public string InferenceAuditTable { get; set; } = DefaultInferenceAuditTable;

    /// <summary>How long inference audit records are kept (HIPAA: six years).</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(6 * 365.25);
}
