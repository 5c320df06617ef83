using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Cluster.Ctl.Output;

/// <summary>
/// Protobuf messages as proto3 JSON: lowerCamelCase names, enums by name, timestamps as RFC 3339 UTC,
/// int64 as strings, and fields at their default value included (so <c>"revoked": false</c> is there).
/// </summary>
public static class ProtoJson
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static JsonNode ToNode(IMessage message) => JsonNode.Parse(Formatter.Format(message))!;
}
