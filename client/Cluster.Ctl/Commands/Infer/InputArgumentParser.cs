using System.Globalization;
using Cluster.Client.Tensors;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Infer;

/// <summary>
/// Reads <c>--input NAME:DATATYPE:SHAPE:VALUES</c>, e.g. <c>features:FP32:1,30:17.99,10.38,...</c>:
/// SHAPE and VALUES are comma-separated, SHAPE empty for a scalar, VALUES empty for no elements.
/// Messages name the input and the value's index, never a value.
/// </summary>
public static class InputArgumentParser
{
    public const string Format = "NAME:DATATYPE:SHAPE:VALUES";

    public static InferInput Parse(string text)
    {
        var parts = text.Split(':', 4);
        if (parts.Length < 4) throw new UsageException($"--input must be {Format} (e.g. features:FP32:1,30:17.99,10.38,...)");
        var (name, datatypeText, shapeText, valuesText) = (parts[0], parts[1], parts[2], parts[3]);
        if (name.Length == 0) throw new UsageException($"--input needs a NAME before the first ':' ({Format})");
        var datatype = TensorDataTypes.Normalize(datatypeText)
            ?? throw new UsageException($"--input '{name}': unknown datatype '{datatypeText}'; expected one of {string.Join(", ", TensorDataTypes.All)}");
        var shape = ParseShape(name, shapeText);
        IReadOnlyList<string> values = valuesText.Length == 0 ? [] : valuesText.Split(',');
        try
        {
            return InferInput.FromText(name, datatype, shape, values);
        }
        catch (TensorFormatException e)
        {
            throw new UsageException($"--input '{name}': {e.Message}");
        }
    }

    private static long[] ParseShape(string name, string text)
    {
        if (text.Length == 0) return [];
        var dims = text.Split(',');
        var shape = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new UsageException($"--input '{name}': SHAPE '{text}' must be comma-separated non-negative integers (e.g. 1,30)");
        }
        return shape;
    }
}
