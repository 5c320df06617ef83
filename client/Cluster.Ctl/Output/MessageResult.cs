using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Cluster.Ctl.Output;

/// <summary>A protobuf response: proto JSON (camelCase, RFC 3339 times) with <c>--json</c>, else the given text view.</summary>
public sealed class MessageResult(IMessage message, Action<TextWriter> writeText) : ICommandResult
{
    public IMessage Message { get; } = message;

    public void WriteText(TextWriter output) => writeText(output);

    public JsonNode ToJson() => ProtoJson.ToNode(Message);
}
