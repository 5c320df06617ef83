using System.Globalization;
using Cluster.Grains.Onnx;

namespace Cluster.Grains.Repository;

/// <summary>
/// Reads a model's ONNX Runtime thread counts from config.json <c>parameters</c>, as Triton's
/// onnxruntime backend does. An unusable value is a <see cref="ModelLoadException"/> naming the key.
/// </summary>
public static class SessionThreadParameters
{
    public const string IntraOp = "intra_op_thread_count";
    public const string InterOp = "inter_op_thread_count";

    /// <summary>Most threads a model may ask for.</summary>
    public const int MaxThreads = 1024;

    public static SessionThreadSettings? Read(IReadOnlyDictionary<string, ModelParameterConfig> parameters)
    {
        var settings = new SessionThreadSettings
        {
            IntraOpThreads = Count(parameters, IntraOp),
            InterOpThreads = Count(parameters, InterOp),
        };
        return settings.IsEmpty ? null : settings;
    }

    private static int? Count(IReadOnlyDictionary<string, ModelParameterConfig> parameters, string key)
    {
        if (!parameters.TryGetValue(key, out var p)) return null;
        var value = p.StringValue.Trim();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MaxThreads
            ? count
            : throw new ModelLoadException($"parameter '{key}' is '{Clip(value)}'; it must be a whole number from 0 (ONNX Runtime chooses) to {MaxThreads}.");
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
