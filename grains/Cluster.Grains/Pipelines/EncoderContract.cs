using Cluster.Grains.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Grains.Pipelines;

/// <summary>
/// What a sentence-embedding pipeline needs of its encoder: a BERT-style ONNX model with INT64
/// inputs <c>input_ids</c> and <c>attention_mask</c> [batch, sequence] (and optionally
/// <c>token_type_ids</c>), and an FP32 output <c>last_hidden_state</c> [batch, sequence, hidden].
/// </summary>
public static class EncoderContract
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string TokenTypeIds = "token_type_ids";
    public const string LastHiddenState = "last_hidden_state";

    /// <summary>Checks the encoder session; returns whether it takes <c>token_type_ids</c>. Throws <see cref="ModelLoadException"/> with the reason.</summary>
    public static bool Check(string encoder, InferenceSession session, int dimension)
    {
        foreach (var name in session.InputMetadata.Keys)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
                throw new ModelLoadException($"encoder model '{encoder}' has input '{name}'; a sentence encoder takes only {InputIds}, {AttentionMask} and {TokenTypeIds}.");
        }
        foreach (var name in new[] { InputIds, AttentionMask })
        {
            if (!session.InputMetadata.ContainsKey(name))
                throw new ModelLoadException($"encoder model '{encoder}' has no input '{name}'.");
        }
        foreach (var (name, meta) in session.InputMetadata)
        {
            if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Int64 || meta.Dimensions.Length != 2)
                throw new ModelLoadException($"encoder model '{encoder}' input '{name}' must be an INT64 tensor [batch, sequence].");
        }
        if (!session.OutputMetadata.TryGetValue(LastHiddenState, out var output))
            throw new ModelLoadException($"encoder model '{encoder}' has no output '{LastHiddenState}'; it has {string.Join(", ", session.OutputMetadata.Keys)}.");
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 3)
            throw new ModelLoadException($"encoder model '{encoder}' output '{LastHiddenState}' must be an FP32 tensor [batch, sequence, hidden].");
        var hidden = output.Dimensions[2];
        if (hidden >= 0 && hidden != dimension)
            throw new ModelLoadException($"the pipeline's output has dims [{dimension}] but encoder model '{encoder}' has hidden size {hidden}.");
        return session.InputMetadata.ContainsKey(TokenTypeIds);
    }
}
