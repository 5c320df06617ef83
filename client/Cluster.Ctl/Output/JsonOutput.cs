using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Ctl.Output;

/// <summary>Writes the one JSON document a <c>--json</c> run prints: indented, non-ASCII left readable.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter output, JsonNode document) => output.WriteLine(document.ToJsonString(Options));
}
