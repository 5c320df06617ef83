using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// The <c>sentence_embedding</c> pipeline on one device: texts (BYTES [batch, 1]) are tokenised,
/// padded to the batch's longest, run through the encoder's ONNX session in one call, mean-pooled
/// over the attention mask and L2-normalised (FP32 [batch, hidden]). Thread-safe like
/// <see cref="OnnxModelRunner"/>: each call owns its tensors, and its compute timings are likewise
/// measured on <see cref="Stopwatch"/>. Never logs or echoes the texts.
/// </summary>
public sealed class SentenceEmbeddingRunner : IModelRunner
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] s_outputNames = [EncoderContract.LastHiddenState];

    private readonly LoadedSession _encoder;
    private readonly SentenceTokenizer _tokenizer;
    private readonly SentenceEmbeddingSettings _settings;
    private readonly string[] _inputNames;

    public SentenceEmbeddingRunner(ModelVersionDescriptor model, LoadedSession encoder, SentenceTokenizer tokenizer, SentenceEmbeddingSettings settings)
    {
        Model = model;
        _encoder = encoder;
        _tokenizer = tokenizer;
        _settings = settings;
        _inputNames = encoder.Session.InputMetadata.ContainsKey(EncoderContract.TokenTypeIds)
            ? [EncoderContract.InputIds, EncoderContract.AttentionMask, EncoderContract.TokenTypeIds]
            : [EncoderContract.InputIds, EncoderContract.AttentionMask];
    }

    public ModelVersionDescriptor Model { get; }
    public string Device => _encoder.Device;

    public RunResult Run(InferenceRequest request)
    {
        var start = Stopwatch.GetTimestamp();
        var input = Array.Find(request.Inputs, i => i.Name == _settings.InputName)
            ?? throw InferenceException.Invalid($"missing input '{_settings.InputName}' for model '{Model.Name}'.");
        var batch = _tokenizer.EncodeBatch(Texts(input));
        using var ids = OrtValue.CreateTensorValueFromMemory(batch.InputIds, batch.Shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(batch.AttentionMask, batch.Shape);
        using var types = _inputNames.Length == 3 ? OrtValue.CreateTensorValueFromMemory(batch.TokenTypeIds, batch.Shape) : null;
        OrtValue[] values = types is null ? [ids, mask] : [ids, mask, types];
        using var runOptions = new RunOptions();
        var prepared = Stopwatch.GetTimestamp();
        using var results = _encoder.Session.Run(runOptions, _inputNames, values, s_outputNames);
        var ran = Stopwatch.GetTimestamp();
        var hidden = results[0];
        var shape = hidden.GetTensorTypeAndShape().Shape;
        if (shape is not [var rows, var length, var dimension] || rows != batch.Rows || length != batch.Length || dimension != _settings.Dimension)
            throw new InvalidOperationException(
                $"encoder '{_settings.Encoder}' returned {EncoderContract.LastHiddenState} {TensorShape.Format(shape)}; expected [{batch.Rows},{batch.Length},{_settings.Dimension}].");
        var embeddings = MeanPooling.PoolAndNormalize(hidden.GetTensorDataAsSpan<float>(), batch, _settings.Dimension);
        var output = new InferenceTensor(
            _settings.OutputName, DataTypes.Fp32, [batch.Rows, _settings.Dimension], MemoryMarshal.AsBytes(embeddings.AsSpan()).ToArray());
        var done = Stopwatch.GetTimestamp();
        return new RunResult([output], new InferenceTimings(
            QueueNs: 0,
            ComputeInputNs: OnnxModelRunner.Nanoseconds(start, prepared),
            ComputeInferNs: OnnxModelRunner.Nanoseconds(prepared, ran),
            ComputeOutputNs: OnnxModelRunner.Nanoseconds(ran, done)));
    }

    /// <summary>The texts of a BYTES tensor; refuses an element that is not UTF-8 (naming its index, never its bytes).</summary>
    private static string[] Texts(InferenceTensor input)
    {
        var elements = BytesTensor.Split(input.Data);
        var texts = new string[elements.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            try
            {
                texts[i] = s_strictUtf8.GetString(elements[i].Span);
            }
            catch (DecoderFallbackException)
            {
                throw InferenceException.Invalid($"input '{input.Name}' element {i} is not valid UTF-8 text.");
            }
        }
        return texts;
    }

    public void Dispose() => _encoder.Dispose();
}
