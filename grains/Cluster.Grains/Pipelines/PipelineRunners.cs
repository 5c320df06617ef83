using System.Text.Json;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Pipelines;

/// <summary>Creates the runner of a pipeline version, on the device its instance group asks for.</summary>
public static class PipelineRunners
{
    /// <summary>Loads the pipeline's encoder and tokenizer; throws <see cref="ModelLoadException"/> with the reason when it cannot.</summary>
    public static IModelRunner Create(ModelVersionDescriptor descriptor, string root, OnnxSessionFactory sessions)
    {
        ModelConfigFile config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfigFile>(descriptor.ConfigJson, ModelConfigReader.JsonOptions)
                ?? throw new ModelLoadException("the pipeline's config is empty.");
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"the pipeline's config is not valid: {ex.Message}");
        }
        // The served config pins the encoder version chosen when the repository was scanned.
        var settings = SentenceEmbeddingSettings.From(config);
        var artifacts = EncoderArtifacts.Resolve(root, descriptor.Name, settings);
        var tokenizer = SentenceTokenizer.Load(Path.Combine(root, artifacts.VocabPath), settings.MaxSequenceLength);
        DeviceSpec.TryParse(descriptor.Device, out var device);
        var encoder = sessions.Load(Path.Combine(root, artifacts.ModelPath), device, threads: descriptor.Threads);
        try
        {
            EncoderContract.Check(artifacts.Encoder, encoder.Session, settings.Dimension);
            return new SentenceEmbeddingRunner(descriptor, encoder, tokenizer, settings);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }
}
