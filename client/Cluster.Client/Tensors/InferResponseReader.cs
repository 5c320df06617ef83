using Inference;

namespace Cluster.Client.Tensors;

/// <summary>
/// Decodes a <see cref="ModelInferResponse"/>'s outputs from <c>raw_output_contents</c> (as Triton
/// and this cluster send them) or, when a server sends none, from each output's typed <c>contents</c>.
/// </summary>
public static class InferResponseReader
{
    public static IReadOnlyList<InferOutput> ReadOutputs(ModelInferResponse response)
    {
        var raw = response.RawOutputContents;
        if (raw.Count > 0 && raw.Count != response.Outputs.Count)
            throw new TensorFormatException($"response has {response.Outputs.Count} outputs but {raw.Count} raw_output_contents");
        var outputs = new List<InferOutput>(response.Outputs.Count);
        for (var i = 0; i < response.Outputs.Count; i++)
        {
            var tensor = response.Outputs[i];
            var datatype = TensorDataTypes.Normalize(tensor.Datatype)
                ?? throw new TensorFormatException($"output '{tensor.Name}' has unknown datatype '{tensor.Datatype}'");
            try
            {
                var count = TensorShape.ElementCount(tensor.Shape);
                var values = raw.Count > 0
                    ? TensorDecoder.DecodeRaw(datatype, raw[i].Span, count)
                    : TensorDecoder.DecodeContents(datatype, tensor.Contents ?? new InferTensorContents(), count);
                outputs.Add(new InferOutput(tensor.Name, datatype, [.. tensor.Shape], values));
            }
            catch (TensorFormatException e)
            {
                throw new TensorFormatException($"output '{tensor.Name}' {e.Message}");
            }
        }
        return outputs;
    }
}
