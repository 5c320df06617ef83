using Google.Protobuf;
using Inference;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>Short ways to build ModelInferRequests in tests.</summary>
public static class Requests
{
    public static ModelInferRequest Raw(string model, params (string Name, string DataType, long[] Shape, byte[] Data)[] inputs)
    {
        var request = new ModelInferRequest { ModelName = model };
        foreach (var (name, datatype, shape, data) in inputs)
        {
            request.Inputs.Add(Input(name, datatype, shape));
            request.RawInputContents.Add(ByteString.CopyFrom(data));
        }
        return request;
    }

    public static ModelInferRequest.Types.InferInputTensor Input(string name, string datatype, long[] shape, InferTensorContents? contents = null)
    {
        var input = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype, Contents = contents };
        input.Shape.Add(shape);
        return input;
    }

    /// <summary>breast-cancer-risk rows as FP32 raw bytes.</summary>
    public static ModelInferRequest BreastCancer(float[][] rows)
    {
        var data = rows.SelectMany(r => r).SelectMany(BitConverter.GetBytes).ToArray();
        return Raw(TestRepository.BreastCancerRisk, ("features", "FP32", [rows.Length, 30], data));
    }

    /// <summary>A one-row request for any model built on the FP32 identity model, stating a purpose when given.</summary>
    public static ModelInferRequest Identity(string model, string? purpose = null, string version = "")
    {
        var request = Raw(model, ("INPUT0", "FP32", [1, 4], new byte[16]));
        request.ModelVersion = version;
        if (purpose is not null) request.Parameters["purpose_of_use"] = new InferParameter { StringParam = purpose };
        return request;
    }

    public static ModelInferRequest Fp32Identity(int rows = 1) =>
        Raw("identity-fp32", ("INPUT0", "FP32", [rows, 4], new byte[rows * 16]));
}
