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
    public const string DefaultJournalTable = "gatewayjournal";

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

    /// <summary>Gateways' write-ahead journals of audit and usage (docs/quota-and-metering.md, "Journal").</summary>
    public string JournalTable { get; set; } = DefaultJournalTable;

    /// <summary>
    /// A journal whose newest entry is older than this is taken as abandoned (its gateway died) and
    /// replayed into the chains and usage rows. Default 30 s; a live gateway writes its journal
    /// every second while it uses one.
    /// </summary>
    public TimeSpan JournalStaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo asks for abandoned journals to be replayed. Default 15 s.</summary>
    public TimeSpan JournalSweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long inference audit records are kept (HIPAA: six years).</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(6 * 365.25);
}
