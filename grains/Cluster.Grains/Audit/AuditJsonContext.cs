using System.Text.Json.Serialization;

namespace Cluster.Grains.Audit;

/// <summary>Source-generated JSON for stored audit records (no reflection on the append path).</summary>
[JsonSerializable(typeof(AuditRecord))]
[JsonSerializable(typeof(AuditRecord[]))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
