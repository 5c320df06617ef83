using System.Globalization;
using Cluster.Admin.V1;
using Cluster.Client.Errors;
using Cluster.Ctl.Output;
using Grpc.Core;

namespace Cluster.Ctl.Commands.Audit;

/// <summary>Text view of inference audit records; digests, hashes, silo and device are in the JSON output only.</summary>
public static class InferenceAuditView
{
    public static ICommandResult List(ListAuditRecordsResponse response) => new MessageResult(response, output =>
    {
        var table = new TextTable("SEQ", "TIME", "DECISION", "STATUS", "REASON", "MODEL", "PURPOSE", "UNITS", "LATENCY MS", "KEY ID");
        foreach (var r in response.Records)
        {
            table.Add(
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                Display.Time(r.Time),
                Display.Text(r.Decision),
                StatusCodeNames.Of((StatusCode)r.StatusCode),
                Display.Text(r.Reason),
                Model(r),
                Display.Text(r.Purpose),
                r.Units.ToString(CultureInfo.InvariantCulture),
                r.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture),
                Display.Text(r.KeyId));
        }
        table.Write(output);
    });

    /// <summary><c>model:version</c>, the model alone when no version was resolved, or "-".</summary>
    public static string Model(InferenceAuditRecord r) =>
        r.Model.Length == 0 ? Display.None : r.Version.Length == 0 ? r.Model : $"{r.Model}:{r.Version}";
}
