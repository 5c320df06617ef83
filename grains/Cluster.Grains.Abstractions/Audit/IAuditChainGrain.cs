namespace Cluster.Grains.Audit;

/// <summary>
/// A tenant's append-only inference audit trail (key: tenant id, or <c>_anonymous</c> for calls
/// with no valid credential): each record carries the previous record's hash; stored durably in
/// batches.
/// </summary>
[Alias("cluster.IAuditChainGrain")]
public interface IAuditChainGrain : IGrainWithStringKey
{
    public const string AnonymousKey = "_anonymous";

    /// <summary>Most records one append takes: its segments fit one table transaction (100 rows, 4 MiB) even for the largest records.</summary>
    public const int MaxAppend = 1000;

    /// <summary>Appends the batch's records in order; a batch whose id the chain already holds is not appended again.</summary>
    [Alias("AppendBatch")]
    Task Append(AuditBatch batch);

    /// <summary>As <see cref="Append(AuditBatch)"/>, for records a gateway already encoded (what gateways send).</summary>
    [Alias("AppendEncoded")]
    Task Append(EncodedAuditBatch batch);

    [Alias("Query")]
    Task<AuditRecord[]> Query(DateTimeOffset? from, DateTimeOffset? to, int limit);

    [Alias("Verify")]
    Task<AuditVerification> Verify();
}
