using System.Text.Json.Nodes;

namespace Cluster.Ctl.Output;

/// <summary>
/// What a command prints: text for people, or one JSON document with <c>--json</c>. A new command
/// (or a new format such as CSV) adds a result type; the app decides which writer to call.
/// </summary>
public interface ICommandResult
{
    void WriteText(TextWriter output);

    JsonNode ToJson();
}
