using System.Text.Json.Nodes;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Output;

/// <summary>
/// What a command prints: text for people, or one JSON document with <c>--json</c>. A new command
/// (or a new format such as CSV) adds a result type; the app decides which writer to call.
/// </summary>
public interface ICommandResult
{
    void WriteText(TextWriter output);

    JsonNode ToJson();

    /// <summary>
    /// The exit code after the output is printed: <see cref="ExitCodes.Ok"/>, or
    /// <see cref="ExitCodes.CheckFailed"/> for a check whose answer is "no" (a broken audit chain).
    /// </summary>
    int ExitCode => ExitCodes.Ok;
}
