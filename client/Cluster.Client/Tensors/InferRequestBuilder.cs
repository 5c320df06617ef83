using Google.Protobuf;
using Inference;

namespace Cluster.Client.Tensors;

/// <summary>Builds a <see cref="ModelInferRequest"/> whose inputs travel in <c>raw_input_contents</c>.</summary>
public static class InferRequestBuilder
{
    public static ModelInferRequest Build(
        string model,
        string? version,
        IEnumerable<InferInput> inputs,
        IEnumerable<string>? outputs = null,
        string? purposeOfUse = null,
        string? id = null,
        IReadOnlyDictionary<string, InferParameter>? parameters = null)
    {
        var request = new ModelInferRequest { ModelName = model, ModelVersion = version ?? "", Id = id ?? "" };
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters) request.Parameters[name] = value;
        }
        if (!string.IsNullOrEmpty(purposeOfUse))
        {
            request.Parameters[InferParameterNames.PurposeOfUse] = new InferParameter { StringParam = purposeOfUse };
        }
        foreach (var input in inputs)
        {
            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = input.Name, Datatype = input.Datatype };
            tensor.Shape.Add(input.Shape);
            request.Inputs.Add(tensor);
            request.RawInputContents.Add(ByteString.CopyFrom(input.RawData));
        }
        foreach (var output in outputs ?? [])
        {
            request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = output });
        }
        return request;
    }
}
