using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Storage;

/// <summary>Fails start-up, naming the key, when storage is not configured.</summary>
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        const string s = StorageOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add($"{s}:ConnectionString is required (Azure Storage; Azurite locally).");
        if (!TableName().IsMatch(options.GrainStateTable)) failures.Add($"{s}:GrainStateTable '{options.GrainStateTable}' is not a valid table name.");
        if (!TableName().IsMatch(options.GovernanceAuditTable)) failures.Add($"{s}:GovernanceAuditTable '{options.GovernanceAuditTable}' is not a valid table name.");
        if (!TableName().IsMatch(options.UsageTable)) failures.Add($"{s}:UsageTable '{options.UsageTable}' is not a valid table name.");
        if (!TableName().IsMatch(options.InferenceAuditTable)) failures.Add($"{s}:InferenceAuditTable '{options.InferenceAuditTable}' is not a valid table name.");
        if (!TableName().IsMatch(options.JournalTable)) failures.Add($"{s}:JournalTable '{options.JournalTable}' is not a valid table name.");
        if (options.JournalStaleAfter < TimeSpan.FromSeconds(5)) failures.Add($"{s}:JournalStaleAfter must be at least 5 s (a live gateway writes its journal every second).");
        if (options.JournalSweepInterval <= TimeSpan.Zero) failures.Add($"{s}:JournalSweepInterval must be positive.");
        if (options.AuditRetention < TimeSpan.FromDays(1)) failures.Add($"{s}:AuditRetention must be at least one day.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
