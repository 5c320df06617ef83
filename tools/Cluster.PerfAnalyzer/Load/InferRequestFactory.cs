using Cluster.PerfAnalyzer.Inputs;
using Inference;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>Builds one ModelInferRequest per input sample, tensors in <c>raw_input_contents</c>.</summary>
public static class InferRequestFactory
{
    /// <summary>The request parameter that carries the purpose of use.</summary>
    public const string PurposeOfUseParameter = "purpose_of_use";

    public static ModelInferRequest[] Create(ModelInputs inputs, string model, string? version, string? purposeOfUse) =>
        [.. inputs.Samples.Select(sample => Create(inputs.Specs, sample, model, version, purposeOfUse))];

    private static ModelInferRequest Create(IReadOnlyList<InputSpec> specs, InputSample sample, string model, string? version, string? purposeOfUse)
    {
        var request = new ModelInferRequest { ModelName = model, ModelVersion = version ?? "" };
        if (purposeOfUse is not null)
            request.Parameters[PurposeOfUseParameter] = new InferParameter { StringParam = purposeOfUse };
        for (var k = 0; k < specs.Count; k++)
        {
            var tensor = new ModelInferRequest.Types.InferInputTensor { Name = specs[k].Name, Datatype = specs[k].WireDatatype };
            tensor.Shape.AddRange(specs[k].Shape);
            request.Inputs.Add(tensor);
            request.RawInputContents.Add(sample.Tensors[k].Raw);
        }

        return request;
    }
}
