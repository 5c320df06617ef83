using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cluster.Grains.Audit;

namespace Cluster.Grains.Audit;

/// <summary>The chain hash: SHA-256 over the record's fields in a fixed order, including the previous record's hash.</summary>
public static class AuditHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditRecord r)
    {
        var canonical = string.Join('\u001f', [
            r.Sequence.ToString(CultureInfo.InvariantCulture), r.PreviousHash, Time(r.Time), r.RequestId, r.TenantId, r.KeyId, r.Purpose,
            r.Model, r.Version, r.ArtifactSha256, r.Lifecycle, r.Decision, r.Reason, r.StatusCode.ToString(CultureInfo.InvariantCulture),
            r.Units.ToString(CultureInfo.InvariantCulture), r.LatencyMs.ToString("R", CultureInfo.InvariantCulture), r.Silo, r.Device,
            r.InputSha256, r.OutputSha256]);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
