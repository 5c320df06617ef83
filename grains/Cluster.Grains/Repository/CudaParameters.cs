using System.Globalization;
using Cluster.Grains.Onnx;

namespace Cluster.Grains.Repository;

/// <summary>
/// Reads the CUDA execution provider options from config.json <c>parameters</c>, accepting the
/// spellings Triton's onnxruntime backend takes (numbers for the enumerations); an unusable value
/// is a <see cref="ModelLoadException"/> naming the key, so a bad option never reaches ONNX Runtime.
/// </summary>
public static class CudaParameters
{
    public const string ConvAlgoSearch = "cudnn_conv_algo_search";
    public const string Tf32 = "use_tf32";
    public const string ArenaExtend = "arena_extend_strategy";
    public const string MemLimit = "gpu_mem_limit";
    public const string CudaGraph = "enable_cuda_graph";

    public static CudaProviderSettings? Read(IReadOnlyDictionary<string, ModelParameterConfig> parameters)
    {
        var settings = new CudaProviderSettings
        {
            CudnnConvAlgoSearch = Value(parameters, ConvAlgoSearch) is { } s ? OneOf(ConvAlgoSearch, s, ["EXHAUSTIVE", "HEURISTIC", "DEFAULT"]) : null,
            UseTf32 = Value(parameters, Tf32) is { } t ? Flag(Tf32, t) : null,
            ArenaExtendStrategy = Value(parameters, ArenaExtend) is { } a ? OneOf(ArenaExtend, a, ["kNextPowerOfTwo", "kSameAsRequested"]) : null,
            GpuMemLimit = Value(parameters, MemLimit) is { } m ? Bytes(m) : null,
            EnableCudaGraph = Value(parameters, CudaGraph) is { } g ? Flag(CudaGraph, g) : null,
        };
        return settings.IsEmpty ? null : settings;
    }

    private static string? Value(IReadOnlyDictionary<string, ModelParameterConfig> parameters, string key) =>
        parameters.TryGetValue(key, out var p) ? p.StringValue.Trim() : null;

    /// <summary>A name from <paramref name="names"/> (any case), or its position as Triton's number.</summary>
    private static string OneOf(string key, string value, string[] names)
    {
        var named = Array.Find(names, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (named is not null) return named;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < names.Length) return names[index];
        throw new ModelLoadException($"parameter '{key}' is '{Clip(value)}'; it must be one of {string.Join(", ", names)} (or 0-{names.Length - 1}).");
    }

    private static bool Flag(string key, string value) => value.ToLowerInvariant() switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => throw new ModelLoadException($"parameter '{key}' is '{Clip(value)}'; it must be 1, 0, true or false."),
    };

    private static long Bytes(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new ModelLoadException($"parameter '{MemLimit}' is '{Clip(value)}'; it must be a number of bytes above 0.");

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
