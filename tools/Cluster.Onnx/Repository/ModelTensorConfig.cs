namespace Cluster.Onnx;

/// <summary>
/// One input or output in a model config. <see cref="Dims"/> leave out the batch dimension when
/// the model's max batch size is above zero (Triton's rule); -1 marks a variable dimension.
/// </summary>
public sealed record ModelTensorConfig(string Name, TritonDataType DataType, IReadOnlyList<long> Dims);
