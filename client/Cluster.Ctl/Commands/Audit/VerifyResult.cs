using System.Globalization;
using System.Text.Json.Nodes;
using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;
using Cluster.Ctl.Output;

namespace Cluster.Ctl.Commands.Audit;

/// <summary>
/// The answer of <c>audit verify</c>, one line on stdout: <c>intact: N records</c>, or
/// <c>broken at record SEQ: PROBLEM</c> with exit code <see cref="ExitCodes.CheckFailed"/>.
/// JSON: the response message as proto JSON, with the same exit code.
/// </summary>
public sealed class VerifyResult(VerifyAuditChainResponse response) : ICommandResult
{
    public VerifyAuditChainResponse Response { get; } = response;

    public int ExitCode => Response.Intact ? ExitCodes.Ok : ExitCodes.CheckFailed;

    public void WriteText(TextWriter output) => output.WriteLine(Response.Intact
        ? $"intact: {Response.RecordsChecked.ToString(CultureInfo.InvariantCulture)} records"
        : $"broken at record {Response.FirstBrokenSequence.ToString(CultureInfo.InvariantCulture)}: {OneLine(Response.Problem)}");

    public JsonNode ToJson() => ProtoJson.ToNode(Response);

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? "(no detail)" : line;
    }
}
