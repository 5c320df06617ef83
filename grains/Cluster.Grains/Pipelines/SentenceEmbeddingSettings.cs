using System.Globalization;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// The <c>sentence_embedding</c> pipeline as its config.json declares it: one BYTES text input
/// (dims <c>[1]</c>), one FP32 embedding output (dims <c>[hidden size]</c>), and the parameters
/// <c>encoder</c> (a repository model, required), <c>encoder_version</c> (default: the encoder's
/// latest version on disk) and <c>max_sequence_length</c> (tokens per text including [CLS] and
/// [SEP], longer texts are truncated; default <see cref="DefaultMaxSequenceLength"/>).
/// </summary>
public sealed record class SentenceEmbeddingSettings(
    string InputName, string OutputName, int Dimension, string Encoder, long? EncoderVersion, int MaxSequenceLength)
{
    public const string Kind = "sentence_embedding";
    public const string EncoderParameter = "encoder";
    public const string EncoderVersionParameter = "encoder_version";
    public const string MaxSequenceLengthParameter = "max_sequence_length";
    public const int DefaultMaxSequenceLength = 128;

    /// <summary>BERT-family encoders carry 512 position embeddings.</summary>
    public const int LongestSequenceLength = 512;

    /// <summary>Reads and checks the settings; throws <see cref="ModelLoadException"/> with the reason.</summary>
    public static SentenceEmbeddingSettings From(ModelConfigFile config)
    {
        if (PipelineConfig.Kind(config) != Kind)
            throw new ModelLoadException($"pipeline kind is not {Kind}.");
        if (config.MaxBatchSize < 1)
            throw new ModelLoadException($"a {Kind} pipeline batches texts: max_batch_size must be at least 1 (it is {config.MaxBatchSize}).");
        if (config.Input is not [{ } input] || OnnxTypes.FromConfigName(input.DataType) != DataTypes.Bytes || input.Dims is not [1])
            throw new ModelLoadException($"a {Kind} pipeline declares exactly one input: TYPE_STRING with dims [1] (one text per batch row).");
        if (config.Output is not [{ } output] || OnnxTypes.FromConfigName(output.DataType) != DataTypes.Fp32 || output.Dims is not [> 0 and <= int.MaxValue])
            throw new ModelLoadException($"a {Kind} pipeline declares exactly one output: TYPE_FP32 with dims [N], N the encoder's hidden size.");
        var encoder = Parameter(config, EncoderParameter);
        if (encoder.Length == 0)
            throw new ModelLoadException($"a {Kind} pipeline needs parameter '{EncoderParameter}' naming its encoder model in the repository.");
        if (!ModelConfigReader.ModelNamePattern().IsMatch(encoder))
            throw new ModelLoadException($"parameter '{EncoderParameter}' '{ClientText.Clip(encoder)}' is not a model name.");
        long? encoderVersion = null;
        var versionText = Parameter(config, EncoderVersionParameter);
        if (versionText.Length > 0)
        {
            if (!long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
                throw new ModelLoadException($"parameter '{EncoderVersionParameter}' '{ClientText.Clip(versionText)}' is not a positive version number.");
            encoderVersion = v;
        }
        var maxLength = DefaultMaxSequenceLength;
        var lengthText = Parameter(config, MaxSequenceLengthParameter);
        if (lengthText.Length > 0
            && (!int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out maxLength) || maxLength is < 3 or > LongestSequenceLength))
            throw new ModelLoadException(
                $"parameter '{MaxSequenceLengthParameter}' '{ClientText.Clip(lengthText)}' must be a whole number from 3 to {LongestSequenceLength}.");
        return new SentenceEmbeddingSettings(input.Name, output.Name, (int)output.Dims[0], encoder, encoderVersion, maxLength);
    }

    private static string Parameter(ModelConfigFile config, string name) =>
        config.Parameters.TryGetValue(name, out var p) ? p.StringValue : "";
}
