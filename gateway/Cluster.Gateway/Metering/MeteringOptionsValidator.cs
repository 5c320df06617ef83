using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Metering;

/// <summary>Fails start-up, naming the key, when a flush interval, the flush pacing, the audit bound or the audit digest is unusable.</summary>
public sealed class MeteringOptionsValidator : IValidateOptions<MeteringOptions>
{
    public ValidateOptionsResult Validate(string? name, MeteringOptions o)
    {
        const string s = MeteringOptions.SectionName;
        var failures = new List<string>();
        if (o.UsageFlushInterval <= TimeSpan.Zero) failures.Add($"{s}:UsageFlushInterval must be positive.");
        if (o.AuditFlushInterval <= TimeSpan.Zero) failures.Add($"{s}:AuditFlushInterval must be positive.");
        if (o.FlushRowsPerSecond < 0) failures.Add($"{s}:FlushRowsPerSecond must not be negative (0 keeps the flush intervals fixed).");
        if (o.MaxFlushInterval < o.UsageFlushInterval || o.MaxFlushInterval < o.AuditFlushInterval)
            failures.Add($"{s}:MaxFlushInterval ({o.MaxFlushInterval}) must be at least UsageFlushInterval and AuditFlushInterval.");
        if (!o.Journal && o.MaxFlushInterval > TimeSpan.FromSeconds(10))
            failures.Add($"{s}:MaxFlushInterval ({o.MaxFlushInterval}) is the loss bound on a crash while Metering:Journal is off: at most 10 s is accepted then.");
        if (o.JournalInterval <= TimeSpan.Zero) failures.Add($"{s}:JournalInterval must be positive.");
        if (o.MaxBufferedAuditRecords < 1) failures.Add($"{s}:MaxBufferedAuditRecords must be at least 1.");
        if (!Enum.IsDefined(o.AuditDigest))
            failures.Add($"{s}:AuditDigest is {(int)o.AuditDigest}; it must be Fast (SHA-256, BLAKE3 from 16 KiB) or Sha256 (FIPS-approved throughout).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
