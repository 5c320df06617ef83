using System.Text.Json;
using System.Text.RegularExpressions;
using Cluster.Grains.Onnx;
using Cluster.Grains.Pipelines;

namespace Cluster.Grains.Repository;

/// <summary>
/// Reads and checks a config.json on its own (before the ONNX model is looked at). Each problem
/// is a <see cref="ModelLoadException"/> whose message becomes the model's reason.
/// </summary>
public static partial class ModelConfigReader
{
    public const string FileName = "config.json";

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = false,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    public static partial Regex ModelNamePattern();

    public static ModelConfigFile Read(string modelFolder)
    {
        var name = Path.GetFileName(modelFolder);
        var path = Path.Combine(modelFolder, FileName);
        if (!File.Exists(path)) throw new ModelLoadException($"{FileName} is missing.");
        ModelConfigFile? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfigFile>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{FileName} is not valid: {ex.Message}");
        }
        if (config is null) throw new ModelLoadException($"{FileName} is empty.");
        Check(name, config);
        return config;
    }

    private static void Check(string folderName, ModelConfigFile config)
    {
        if (!string.IsNullOrEmpty(config.Name) && config.Name != folderName)
            throw new ModelLoadException($"{FileName} names the model '{config.Name}' but its folder is '{folderName}'.");
        if (config.Platform is { Length: > 0 } platform && platform is not ("onnxruntime_onnx" or PipelineConfig.Platform))
            throw new ModelLoadException($"platform '{platform}' is not served; only onnxruntime_onnx and {PipelineConfig.Platform} are.");
        if (config.Backend is { Length: > 0 } backend && backend != "onnxruntime")
            throw new ModelLoadException($"backend '{backend}' is not served; only onnxruntime is.");
        if (config.MaxBatchSize < 0)
            throw new ModelLoadException($"max_batch_size is {config.MaxBatchSize}; it must be 0 (no batching) or more.");
        CheckTensors("input", config.Input);
        CheckTensors("output", config.Output);
        if (config.InstanceGroup.Count > 1)
            throw new ModelLoadException("instance_group has more than one group; one group per model is served.");
        if (config.InstanceGroup is [var group])
        {
            if (group.Kind is not ("KIND_AUTO" or "KIND_CPU" or "KIND_GPU"))
                throw new ModelLoadException($"instance_group kind '{group.Kind}' is not one of KIND_AUTO, KIND_CPU, KIND_GPU.");
            if (group.Count < 1) throw new ModelLoadException($"instance_group count is {group.Count}; it must be at least 1.");
            if (group.Gpus is { Count: > 1 }) throw new ModelLoadException("instance_group gpus lists more than one device; name one.");
            if (group.Gpus is [< 0]) throw new ModelLoadException("instance_group gpus holds a negative device id.");
        }
        if (config.VersionPolicy is { } policy)
        {
            var choices = (policy.Latest is null ? 0 : 1) + (policy.All is null ? 0 : 1) + (policy.Specific is null ? 0 : 1);
            if (choices != 1) throw new ModelLoadException("version_policy must hold exactly one of latest, all, specific.");
            if (policy.Latest is { NumVersions: < 1 }) throw new ModelLoadException("version_policy latest num_versions must be at least 1.");
        }
        if (config.DynamicBatching is { } batching)
        {
            if (batching.MaxQueueDelayMicroseconds < 0) throw new ModelLoadException("dynamic_batching max_queue_delay_microseconds must be 0 or more.");
            if (batching.PreferredBatchSize.Exists(b => b < 1 || (config.MaxBatchSize > 0 && b > config.MaxBatchSize)))
                throw new ModelLoadException($"dynamic_batching preferred_batch_size must lie between 1 and max_batch_size {config.MaxBatchSize}.");
            if (batching.DefaultQueuePolicy is { MaxQueueSize: < 0 }) throw new ModelLoadException("dynamic_batching max_queue_size must be 0 (unbounded) or more.");
        }
        if (PipelineConfig.IsPipeline(config)) PipelineConfig.Check(config);
        if (config.ModelWarmup is { } warmup) ModelWarmupCheck.Check(config, warmup);
        _ = CudaParameters.Read(config.Parameters);
        _ = SessionThreadParameters.Read(config.Parameters);
    }

    private static void CheckTensors(string kind, List<ModelTensorConfig> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (string.IsNullOrEmpty(t.Name)) throw new ModelLoadException($"an {kind} has no name.");
            if (!names.Add(t.Name)) throw new ModelLoadException($"{kind} '{t.Name}' is listed twice.");
            if (OnnxTypes.FromConfigName(t.DataType) is null)
                throw new ModelLoadException($"{kind} '{t.Name}' has data_type '{t.DataType}', which is not served.");
            if (t.Dims.Exists(d => d < -1))
                throw new ModelLoadException($"{kind} '{t.Name}' has a dimension below -1.");
        }
    }

    /// <summary>The device the instance group asks for.</summary>
    public static DeviceSpec Device(ModelConfigFile config) => config.InstanceGroup switch
    {
        [{ Kind: "KIND_CPU" }] => DeviceSpec.Cpu,
        [{ Kind: "KIND_GPU" } g] => new DeviceSpec(DeviceKind.Cuda, g.Gpus is [var id] ? id : 0),
        [{ Gpus: [var id] }] => new DeviceSpec(DeviceKind.Auto, id),
        _ => new DeviceSpec(DeviceKind.Auto, 0),
    };

    /// <summary>The version numbers the policy selects from those on disk.</summary>
    public static long[] SelectVersions(ModelConfigFile config, IReadOnlyCollection<long> available)
    {
        var sorted = available.OrderByDescending(v => v).ToArray();
        return config.VersionPolicy switch
        {
            { All: not null } => sorted,
            { Specific: { } s } => sorted.Where(s.Versions.Contains).ToArray(),
            { Latest: { } l } => sorted.Take(l.NumVersions).ToArray(),
            _ => sorted.Take(1).ToArray(),
        };
    }
}
