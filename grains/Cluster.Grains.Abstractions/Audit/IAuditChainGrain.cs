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

    /// <summary>Most records one append takes (a busy gateway's second of records in one or two appends, so one table transaction each).</summary>
    public const int MaxAppend = 5000;

    /// <summary>
    /// Most bytes of encoded records one append takes. Compressed, in segments of up to 60 KiB, and
    /// base64 on the wire, that stays under one table transaction's limits (100 rows, 4 MiB).
    /// </summary>
    public const int MaxAppendBytes = 2 * 1024 * 1024;

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
