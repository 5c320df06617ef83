using System.Globalization;
using Azure.Data.Tables;

namespace Cluster.Grains.Audit;

/// <summary>Audit records to and from Azure Table rows (partition: tenant; row key: zero-padded sequence).</summary>
internal static class AuditRows
{
    public static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static TableEntity ToEntity(AuditRecord r) => new(r.TenantId.Length > 0 ? r.TenantId : IAuditChainGrain.AnonymousKey, RowKey(r.Sequence))
    {
        ["Time"] = AuditHash.Time(r.Time),
        ["TimeUtc"] = r.Time,
        ["RequestId"] = r.RequestId,
        ["TenantId"] = r.TenantId,
        ["KeyId"] = r.KeyId,
        ["Purpose"] = r.Purpose,
        ["Model"] = r.Model,
        ["Version"] = r.Version,
        ["ArtifactSha256"] = r.ArtifactSha256,
        ["Lifecycle"] = r.Lifecycle,
        ["Decision"] = r.Decision,
        ["Reason"] = r.Reason,
        ["StatusCode"] = r.StatusCode,
        ["Units"] = r.Units,
        ["LatencyMs"] = r.LatencyMs.ToString("R", CultureInfo.InvariantCulture),
        ["Silo"] = r.Silo,
        ["Device"] = r.Device,
        ["InputSha256"] = r.InputSha256,
        ["OutputSha256"] = r.OutputSha256,
        ["Sequence"] = r.Sequence,
        ["PreviousHash"] = r.PreviousHash,
        ["Hash"] = r.Hash,
    };

    public static AuditRecord FromEntity(TableEntity e) => new()
    {
        Time = DateTimeOffset.Parse(e.GetString("Time") ?? "", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        RequestId = e.GetString("RequestId") ?? "",
        TenantId = e.GetString("TenantId") ?? "",
        KeyId = e.GetString("KeyId") ?? "",
        Purpose = e.GetString("Purpose") ?? "",
        Model = e.GetString("Model") ?? "",
        Version = e.GetString("Version") ?? "",
        ArtifactSha256 = e.GetString("ArtifactSha256") ?? "",
        Lifecycle = e.GetString("Lifecycle") ?? "",
        Decision = e.GetString("Decision") ?? "",
        Reason = e.GetString("Reason") ?? "",
        StatusCode = e.GetInt32("StatusCode") ?? 0,
        Units = e.GetInt64("Units") ?? 0,
        LatencyMs = double.Parse(e.GetString("LatencyMs") ?? "0", CultureInfo.InvariantCulture),
        Silo = e.GetString("Silo") ?? "",
        Device = e.GetString("Device") ?? "",
        InputSha256 = e.GetString("InputSha256") ?? "",
        OutputSha256 = e.GetString("OutputSha256") ?? "",
        Sequence = e.GetInt64("Sequence") ?? long.Parse(e.RowKey, CultureInfo.InvariantCulture),
        PreviousHash = e.GetString("PreviousHash") ?? "",
        Hash = e.GetString("Hash") ?? "",
    };
}
