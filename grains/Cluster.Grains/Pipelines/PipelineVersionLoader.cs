using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// Loads one version of a pipeline model: finds its encoder in the repository, opens the encoder on
/// the pipeline's device and checks it against the pipeline's declared inputs and outputs, loads
/// the tokenizer, and fingerprints everything that decides the pipeline's output (its manifest).
/// </summary>
public sealed class PipelineVersionLoader(OnnxSessionFactory sessions)
{
    /// <summary>
    /// Completes <paramref name="descriptor"/> (built from config.json by <see cref="ModelVersionLoader"/>)
    /// as a ready or unavailable pipeline version.
    /// </summary>
    public ModelVersionDescriptor Load(ModelVersionDescriptor descriptor, string root, ModelConfigFile config)
    {
        descriptor = descriptor with { Platform = PipelineConfig.Platform, ArtifactPath = "" };
        try
        {
            var versionFolder = Path.Combine(root, descriptor.Name, descriptor.VersionText);
            if (!Directory.Exists(versionFolder))
                throw new ModelLoadException($"version {descriptor.VersionText} has no folder.");
            descriptor = descriptor with
            {
                DynamicBatching = config.DynamicBatching?.ToSettings(config.Parameters),
                Threads = SessionThreadParameters.Read(config.Parameters),
            };
            var settings = SentenceEmbeddingSettings.From(config);
            var artifacts = EncoderArtifacts.Resolve(root, descriptor.Name, settings);
            var card = ModelCardReader.Read(Path.Combine(root, descriptor.Name), versionFolder);
            var owner = ModelVersionLoader.Owner(config);
            _ = SentenceTokenizer.Load(Path.Combine(root, artifacts.VocabPath), settings.MaxSequenceLength);
            DeviceSpec.TryParse(descriptor.Device, out var device);
            string loadedDevice;
            using (var loaded = sessions.Load(Path.Combine(root, artifacts.ModelPath), device, threads: descriptor.Threads))
            {
                EncoderContract.Check(artifacts.Encoder, loaded.Session, settings.Dimension);
                loadedDevice = loaded.Device;
            }
            var (sha, bytes) = Fingerprint(root, artifacts, settings);
            var completed = Complete(descriptor.Name, config, artifacts, settings);
            return descriptor with
            {
                Inputs = [new(settings.InputName, DataTypes.Bytes, [-1, 1])],
                Outputs = [new(settings.OutputName, DataTypes.Fp32, [-1, settings.Dimension])],
                ArtifactPath = artifacts.ModelPath,
                ArtifactSha256 = sha,
                ArtifactBytes = bytes,
                ConfigJson = JsonSerializer.Serialize(completed, ModelConfigReader.JsonOptions),
                LoadedDevice = loadedDevice,
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

    /// <summary>
    /// The pipeline's artifact digest: SHA-256 of its manifest, a few lines naming the pipeline
    /// kind, the encoder version and its model file's SHA-256, the vocabulary's SHA-256 and the
    /// sequence limit (docs/embeddings.md), so a change to any of them is a different artifact.
    /// </summary>
    public static string Manifest(EncoderArtifacts artifacts, string modelSha256, string vocabSha256, int maxSequenceLength) =>
        string.Create(CultureInfo.InvariantCulture, $"""
            pipeline {SentenceEmbeddingSettings.Kind}
            encoder {artifacts.Encoder} version {artifacts.Version} sha256 {modelSha256}
            vocab sha256 {vocabSha256}
            max_sequence_length {maxSequenceLength}

            """);

    private static (string Sha256, long Bytes) Fingerprint(string root, EncoderArtifacts artifacts, SentenceEmbeddingSettings settings)
    {
        var (modelSha, modelBytes) = HashFile(Path.Combine(root, artifacts.ModelPath));
        var (vocabSha, vocabBytes) = HashFile(Path.Combine(root, artifacts.VocabPath));
        var manifest = Manifest(artifacts, modelSha, vocabSha, settings.MaxSequenceLength).ReplaceLineEndings("\n");
        return (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest))), modelBytes + vocabBytes);
    }

    private static (string Sha256, long Bytes) HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return (Convert.ToHexStringLower(SHA256.HashData(stream)), stream.Length);
    }

    /// <summary>The config as served by ModelConfig: defaults filled in, the encoder version pinned.</summary>
    private static ModelConfigFile Complete(string model, ModelConfigFile config, EncoderArtifacts artifacts, SentenceEmbeddingSettings settings) => new()
    {
        Name = model,
        Platform = PipelineConfig.Platform,
        MaxBatchSize = config.MaxBatchSize,
        Input = config.Input,
        Output = config.Output,
        VersionPolicy = config.VersionPolicy ?? new VersionPolicyConfig { Latest = new() },
        InstanceGroup = config.InstanceGroup.Count > 0 ? config.InstanceGroup : [new InstanceGroupConfig()],
        DynamicBatching = config.DynamicBatching,
        Parameters = new Dictionary<string, ModelParameterConfig>(config.Parameters)
        {
            [SentenceEmbeddingSettings.EncoderVersionParameter] = new() { StringValue = artifacts.Version.ToString(CultureInfo.InvariantCulture) },
            [SentenceEmbeddingSettings.MaxSequenceLengthParameter] = new() { StringValue = settings.MaxSequenceLength.ToString(CultureInfo.InvariantCulture) },
        },
    };
}
