using System.Globalization;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// The files a sentence-embedding pipeline runs: its encoder's <c>model.onnx</c> (one version of
/// another repository model) and the tokenizer's <c>vocab.txt</c>, taken from the encoder's
/// version folder, else from its model folder.
/// </summary>
/// <param name="Encoder">The encoder model's name.</param>
/// <param name="Version">The encoder version the pipeline runs.</param>
/// <param name="ModelPath">The encoder's model file, relative to the repository root.</param>
/// <param name="VocabPath">The vocabulary file, relative to the repository root.</param>
public sealed record class EncoderArtifacts(string Encoder, long Version, string ModelPath, string VocabPath)
{
    public const string VocabFileName = "vocab.txt";

    /// <summary>Finds the encoder's files; throws <see cref="ModelLoadException"/> with the reason when they are not there.</summary>
    public static EncoderArtifacts Resolve(string root, string pipeline, SentenceEmbeddingSettings settings)
    {
        var name = settings.Encoder;
        if (name == pipeline) throw new ModelLoadException($"pipeline '{pipeline}' names itself as its encoder.");
        var folder = Path.Combine(root, name);
        if (!Directory.Exists(folder))
            throw new ModelLoadException($"encoder model '{name}' is not in the repository.");
        ModelConfigFile config;
        try
        {
            config = ModelConfigReader.Read(folder);
        }
        catch (ModelLoadException ex)
        {
            throw new ModelLoadException($"encoder model '{name}' is not valid: {ex.Message}");
        }
        if (PipelineConfig.IsPipeline(config))
            throw new ModelLoadException($"encoder model '{name}' is itself a pipeline; an encoder must be an ONNX model.");
        var fileName = string.IsNullOrEmpty(config.DefaultModelFilename) ? ModelVersionLoader.DefaultModelFileName : config.DefaultModelFilename;
        var version = settings.EncoderVersion ?? LatestVersion(folder, config, fileName)
            ?? throw new ModelLoadException($"encoder model '{name}' has no version holding {fileName}.");
        var versionText = version.ToString(CultureInfo.InvariantCulture);
        var model = Path.Combine(name, versionText, fileName);
        if (!File.Exists(Path.Combine(root, model)))
            throw new ModelLoadException($"encoder model '{name}' version {versionText} has no {fileName}.");
        var vocab = new[] { Path.Combine(name, versionText, VocabFileName), Path.Combine(name, VocabFileName) }
            .FirstOrDefault(p => File.Exists(Path.Combine(root, p)))
            ?? throw new ModelLoadException($"encoder model '{name}' has no {VocabFileName} (in its folder or in version {versionText}); the tokenizer needs it.");
        return new EncoderArtifacts(name, version, model, vocab);
    }

    /// <summary>The newest version the encoder's own version policy selects that holds its model file.</summary>
    private static long? LatestVersion(string folder, ModelConfigFile config, string fileName)
    {
        var onDisk = Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1)
            .Where(v => v > 0 && File.Exists(Path.Combine(folder, v.ToString(CultureInfo.InvariantCulture), fileName)))
            .ToArray();
        return ModelConfigReader.SelectVersions(config, onDisk) is [var latest, ..] ? latest : null;
    }
}
