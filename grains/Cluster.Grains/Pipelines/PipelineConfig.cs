using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// A pipeline model: a repository model whose config.json says <c>"platform": "pipeline"</c> and
/// whose parameter <c>pipeline</c> names its kind. It has no ONNX model of its own (its version
/// folders may be empty); it runs other repository models in the serving path, as a Triton
/// ensemble does. The kinds served are listed in <see cref="Kinds"/>.
/// </summary>
public static class PipelineConfig
{
    public const string Platform = "pipeline";

    /// <summary>The parameter naming the pipeline kind.</summary>
    public const string KindParameter = "pipeline";

    public static IReadOnlyList<string> Kinds { get; } = [SentenceEmbeddingSettings.Kind];

    public static bool IsPipeline(ModelConfigFile config) => config.Platform == Platform;

    public static bool IsPipeline(ModelVersionDescriptor model) => model.Platform == Platform;

    /// <summary>Checks a pipeline's config.json on its own; throws <see cref="ModelLoadException"/> with the reason.</summary>
    public static void Check(ModelConfigFile config)
    {
        if (config.Backend is { Length: > 0 } backend)
            throw new ModelLoadException($"a pipeline has no backend; remove backend '{backend}'.");
        if (config.DefaultModelFilename is { Length: > 0 })
            throw new ModelLoadException("a pipeline has no model file of its own; remove default_model_filename.");
        _ = SentenceEmbeddingSettings.From(config);
    }

    /// <summary>The pipeline kind the config names.</summary>
    public static string Kind(ModelConfigFile config)
    {
        var kind = config.Parameters.TryGetValue(KindParameter, out var p) ? p.StringValue : "";
        if (kind.Length == 0)
            throw new ModelLoadException($"a pipeline needs parameter '{KindParameter}' naming its kind, one of: {string.Join(", ", Kinds)}.");
        if (!Kinds.Contains(kind))
            throw new ModelLoadException($"pipeline kind '{ClientText.Clip(kind)}' is not served; served kinds: {string.Join(", ", Kinds)}.");
        return kind;
    }

    /// <summary>Caps configured values echoed in reasons.</summary>
}
