using Inference;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>One model input as sent: its name, types and full shape (batch dimension included when the model batches).</summary>
public sealed record InputSpec(string Name, DataType DataType, long[] Shape)
{
    /// <summary>The v2 protocol datatype string.</summary>
    public string WireDatatype => TensorDataTypes.WireName(DataType);

    /// <summary>Elements in one request's tensor.</summary>
    public int ElementCount => checked((int)Shape.Aggregate(1L, (product, dim) => product * dim));
}
