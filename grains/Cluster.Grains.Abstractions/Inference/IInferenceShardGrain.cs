namespace Cluster.Grains.Inference;

/// <summary>
/// One replica of one model version (key <see cref="ShardKey"/>): owns an ONNX Runtime session on
/// one device and runs the requests sent to it.
/// </summary>
[Alias("cluster.IInferenceShardGrain")]
public interface IInferenceShardGrain : IGrainWithStringKey
{
    [Alias("Infer")]
    Task<InferenceResponse> Infer(InferenceRequest request);

    [Alias("GetStatistics")]
    Task<ShardStatistics> GetStatistics();
}
