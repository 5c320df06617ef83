using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Cluster.Grains.Onnx;
using Cluster.Grains.Pipelines;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Repository;

/// <summary>
/// Loads one model version: opens its ONNX model on the configured device, checks the config's
/// inputs and outputs against the model's own metadata (filling them in when the config leaves
/// them out, as Triton's auto-complete does) and fingerprints the artifact. A pipeline model's
/// version is completed by <see cref="PipelineVersionLoader"/>.
/// </summary>
public sealed class ModelVersionLoader(OnnxSessionFactory sessions)
{
    private readonly PipelineVersionLoader _pipelines = new(sessions);

    public const string DefaultModelFileName = "model.onnx";

    public ModelVersionDescriptor Load(string root, string model, ModelConfigFile config, long version) =>
        Load(root, model, config, version, RegisteredDigests.None);

    /// <summary>
    /// Loads the version, refusing it (Unavailable, the digests named) without opening it when its
    /// artifact's SHA-256 differs from the one <paramref name="registered"/> holds for it.
    /// </summary>
    public ModelVersionDescriptor Load(string root, string model, ModelConfigFile config, long version, RegisteredDigests registered)
    {
        var fileName = string.IsNullOrEmpty(config.DefaultModelFilename) ? DefaultModelFileName : config.DefaultModelFilename;
        var relative = Path.Combine(model, version.ToString(CultureInfo.InvariantCulture), fileName);
        var device = ModelConfigReader.Device(config);
        var descriptor = new ModelVersionDescriptor
        {
            Name = model,
            Version = version,
            MaxBatchSize = config.MaxBatchSize,
            Device = device.ToString(),
            InstanceCount = config.InstanceGroup is [var g] ? g.Count : 1,
            Gpus = config.InstanceGroup is [{ Gpus: { } gpus }] ? [.. gpus] : [],
            ArtifactPath = relative,
        };
        if (PipelineConfig.IsPipeline(config)) return _pipelines.Load(descriptor, root, config);
        var path = Path.Combine(root, relative);
        try
        {
            if (!File.Exists(path)) throw new ModelLoadException($"version {version} has no {fileName}.");
            descriptor = descriptor with
            {
                DynamicBatching = config.DynamicBatching?.ToSettings(config.Parameters),
                Warmup = ModelWarmupCheck.Samples(config),
                Cuda = CudaParameters.Read(config.Parameters),
                Threads = SessionThreadParameters.Read(config.Parameters),
            };
            var (sha, bytes) = Fingerprint(path);
            if (registered.Refusal(model, version, sha) is { } refusal)
                return descriptor with
                {
                    ConfigJson = JsonSerializer.Serialize(config, ModelConfigReader.JsonOptions),
                    ArtifactSha256 = sha,
                    ArtifactBytes = bytes,
                    State = ModelVersionState.Unavailable,
                    Reason = refusal,
                };
            var card = ModelCardReader.Read(Path.Combine(root, model), Path.GetDirectoryName(path)!);
            var owner = Owner(config);
            using var loaded = sessions.Load(path, device, descriptor.Cuda, descriptor.Threads);
            var completed = Complete(model, config, loaded.Session);
            return descriptor with
            {
                Inputs = completed.Input.Select(t => Spec(config.MaxBatchSize, t)).ToArray(),
                Outputs = completed.Output.Select(t => Spec(config.MaxBatchSize, t)).ToArray(),
                ArtifactSha256 = sha,
                ArtifactBytes = bytes,
                ConfigJson = JsonSerializer.Serialize(completed, ModelConfigReader.JsonOptions),
                LoadedDevice = loaded.Device,
                Card = card,
                OwnerTenant = owner,
                State = ModelVersionState.Ready,
            };
        }
        catch (Exception ex) when (ex is ModelLoadException or OnnxRuntimeException)
        {
            return descriptor with
            {
                ConfigJson = JsonSerializer.Serialize(config, ModelConfigReader.JsonOptions),
                State = ModelVersionState.Unavailable,
                Reason = ex.Message,
            };
        }
    }

    /// <summary>The config parameter that makes a model private to one tenant.</summary>
    public const string OwnerParameter = "owner_tenant";

    internal static string Owner(ModelConfigFile config)
    {
        if (!config.Parameters.TryGetValue(OwnerParameter, out var p) || p.StringValue.Length == 0) return "";
        if (!Tenancy.TenantIds.IsValid(p.StringValue))
            throw new ModelLoadException($"parameter {OwnerParameter} '{p.StringValue}' is not a tenant id ([a-z0-9-]{{2,63}}).");
        return p.StringValue;
    }

    private static TensorSpec Spec(int maxBatchSize, ModelTensorConfig t) => new(
        t.Name,
        OnnxTypes.FromConfigName(t.DataType)!,
        maxBatchSize > 0 ? [-1, .. t.Dims] : [.. t.Dims]);

    /// <summary>The config with inputs and outputs checked against, or taken from, the model.</summary>
    private static ModelConfigFile Complete(string model, ModelConfigFile config, InferenceSession session)
    {
        var inputs = config.Input.Count > 0
            ? Check("input", config.Input, session.InputMetadata, config.MaxBatchSize, requireAll: true)
            : FromModel("input", session.InputMetadata, config.MaxBatchSize);
        var outputs = config.Output.Count > 0
            ? Check("output", config.Output, session.OutputMetadata, config.MaxBatchSize, requireAll: false)
            : FromModel("output", session.OutputMetadata, config.MaxBatchSize);
        return new ModelConfigFile
        {
            Name = model,
            Platform = "onnxruntime_onnx",
            Backend = config.Backend,
            MaxBatchSize = config.MaxBatchSize,
            Input = inputs,
            Output = outputs,
            VersionPolicy = config.VersionPolicy ?? new VersionPolicyConfig { Latest = new() },
            InstanceGroup = config.InstanceGroup.Count > 0 ? config.InstanceGroup : [new InstanceGroupConfig()],
            DynamicBatching = config.DynamicBatching,
            DefaultModelFilename = config.DefaultModelFilename,
            Parameters = config.Parameters,
            ModelWarmup = config.ModelWarmup,
        };
    }

    private static List<ModelTensorConfig> Check(
        string kind, List<ModelTensorConfig> declared, IReadOnlyDictionary<string, NodeMetadata> actual, int maxBatchSize, bool requireAll)
    {
        foreach (var t in declared)
        {
            if (!actual.TryGetValue(t.Name, out var meta))
                throw new ModelLoadException($"config {kind} '{t.Name}' is not an {kind} of the ONNX model; it has {string.Join(", ", actual.Keys)}.");
            var modelType = ModelDataType(kind, t.Name, meta);
            var configType = OnnxTypes.FromConfigName(t.DataType);
            if (configType != modelType)
                throw new ModelLoadException($"config {kind} '{t.Name}' is {t.DataType} but the ONNX model has {OnnxTypes.ToConfigName(modelType)}.");
            var dims = meta.Dimensions.Select(d => (long)d).ToArray();
            var expectedRank = t.Dims.Count + (maxBatchSize > 0 ? 1 : 0);
            if (dims.Length != expectedRank)
                throw new ModelLoadException(
                    $"config {kind} '{t.Name}' has rank {expectedRank} (dims {TensorShape.Format([.. t.Dims])}{(maxBatchSize > 0 ? " plus the batch dimension" : "")}) but the ONNX model's is {dims.Length} {TensorShape.Format(dims)}.");
            var offset = 0;
            if (maxBatchSize > 0)
            {
                if (dims[0] >= 0)
                    throw new ModelLoadException(
                        $"max_batch_size is {maxBatchSize} but the ONNX model's {kind} '{t.Name}' has a fixed first dimension {dims[0]}; a batching model needs a dynamic one.");
                offset = 1;
            }
            for (var i = 0; i < t.Dims.Count; i++)
            {
                var modelDim = dims[i + offset];
                if (modelDim >= 0 && t.Dims[i] != modelDim)
                    throw new ModelLoadException(
                        $"config {kind} '{t.Name}' dims {TensorShape.Format([.. t.Dims])} do not match the ONNX model's {TensorShape.Format(dims)}.");
            }
        }
        if (requireAll)
        {
            var missing = actual.Keys.Where(k => !declared.Exists(d => d.Name == k)).ToArray();
            if (missing.Length > 0)
                throw new ModelLoadException($"the ONNX model's {kind}s {string.Join(", ", missing)} are missing from config.json.");
        }
        return declared;
    }

    private static List<ModelTensorConfig> FromModel(string kind, IReadOnlyDictionary<string, NodeMetadata> actual, int maxBatchSize) =>
        actual.Select(pair =>
        {
            var dataType = ModelDataType(kind, pair.Key, pair.Value);
            var dims = pair.Value.Dimensions.Select(d => (long)d).ToArray();
            if (maxBatchSize > 0 && (dims.Length == 0 || dims[0] >= 0))
                throw new ModelLoadException(
                    $"max_batch_size is {maxBatchSize} but the ONNX model's {kind} '{pair.Key}' has no dynamic first dimension.");
            return new ModelTensorConfig
            {
                Name = pair.Key,
                DataType = OnnxTypes.ToConfigName(dataType),
                Dims = [.. maxBatchSize > 0 ? dims[1..] : dims],
            };
        }).ToList();

    private static string ModelDataType(string kind, string name, NodeMetadata meta)
    {
        if (!meta.IsTensor)
            throw new ModelLoadException($"the ONNX model's {kind} '{name}' is a {meta.OnnxValueType}, not a tensor; the protocol carries tensors only.");
        return OnnxTypes.ToDataType(meta.ElementDataType)
            ?? throw new ModelLoadException($"the ONNX model's {kind} '{name}' has element type {meta.ElementDataType}, which is not served.");
    }

    internal static (string Sha256, long Bytes) Fingerprint(string path)
    {
        using var stream = File.OpenRead(path);
        var hash = SHA256.HashData(stream);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }
}
