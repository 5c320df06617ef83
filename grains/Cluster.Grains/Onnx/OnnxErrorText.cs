using System.Text.RegularExpressions;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Onnx;

/// <summary>
/// What may be said of a failed Run. ONNX Runtime's own text can quote input values (a Gather's
/// out-of-range index, a Reshape's requested shape computed from data), so it reaches neither the
/// client nor the log: only its error code, the failing node's name and operator (both the model
/// author's), and the shapes of the inputs, which the client sent and the contract already checked.
/// </summary>
public static partial class OnnxErrorText
{
    public static string Describe(OnnxRuntimeException ex, IReadOnlyList<InferenceTensor> inputs)
    {
        var message = ex.Message;
        var code = CodePattern().Match(message) is { Success: true } c ? c.Groups["code"].Value : "unknown";
        var node = NodePattern().Match(message) is { Success: true } n
            ? $" in node '{n.Groups["node"].Value}' ({n.Groups["op"].Value})"
            : "";
        var shapes = string.Join(", ", inputs.Select(i => $"{ClientText.Clip(i.Name)} {TensorShape.Format(i.Shape)}"));
        return $"ONNX Runtime failed{node} ({code}) on inputs {(shapes.Length > 0 ? shapes : "none")}.";
    }

    [GeneratedRegex(@"^\[ErrorCode:(?<code>[A-Za-z]{1,40})\]")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"running (?<op>[A-Za-z0-9_.]{1,64}) node\. Name:'(?<node>[^'\r\n]{0,128})'")]
    private static partial Regex NodePattern();
}
