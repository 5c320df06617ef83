using Cluster.Grains.Inference;
using Google.Protobuf;
using Inference;

namespace Cluster.Gateway.Grpc;

/// <summary>Writes shard outputs as a ModelInferResponse with <c>raw_output_contents</c>, as Triton does.</summary>
public static class ProtoResponseWriter
{
    public static ModelInferResponse Write(string model, string version, string id, InferenceResponse response)
    {
        var message = new ModelInferResponse { ModelName = model, ModelVersion = version, Id = id };
        foreach (var output in response.Outputs)
        {
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = output.Name, Datatype = output.DataType };
            tensor.Shape.Add(output.Shape);
            message.Outputs.Add(tensor);
            message.RawOutputContents.Add(UnsafeByteOperations.UnsafeWrap(output.Data));
        }
        return message;
    }
}
