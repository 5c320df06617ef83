using Cluster.Gateway.DataPlane;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Google.Protobuf;
using Inference;

namespace Cluster.Gateway.Grpc;

/// <summary>Maps catalog and statistics records to the protocol's messages.</summary>
public static class ProtoMappings
{
    private static readonly JsonParser ConfigParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static ModelMetadataResponse Metadata(ModelEntry entry, ModelVersionDescriptor version)
    {
        var response = new ModelMetadataResponse { Name = entry.Name, Platform = version.Platform };
        response.Versions.Add(entry.Versions.Where(v => v.IsReady).Select(v => v.VersionText));
        response.Inputs.Add(version.Inputs.Select(Tensor));
        response.Outputs.Add(version.Outputs.Select(Tensor));
        return response;
    }

    public static ModelConfig Config(ModelVersionDescriptor version) => ConfigParser.Parse<ModelConfig>(version.ConfigJson);

    public static Inference.ModelStatistics Statistics(ModelVersionStatistics s)
    {
        var t = s.Totals;
        var stats = new Inference.ModelStatistics
        {
            Name = s.Name,
            Version = s.Version,
            LastInference = (ulong)t.LastInferenceUnixMs,
            InferenceCount = (ulong)t.InferenceCount,
            ExecutionCount = (ulong)t.ExecutionCount,
            InferenceStats = new InferStatistics
            {
                Success = Duration(t.Success),
                Fail = Duration(t.Fail),
                Queue = Duration(t.Queue),
                ComputeInput = Duration(t.ComputeInput),
                ComputeInfer = Duration(t.ComputeInfer),
                ComputeOutput = Duration(t.ComputeOutput),
                CacheHit = new Inference.StatisticDuration(),
                CacheMiss = new Inference.StatisticDuration(),
            },
        };
        stats.BatchStats.Add(t.Batches.Select(b => new InferBatchStatistics
        {
            BatchSize = (ulong)b.BatchSize,
            ComputeInput = Duration(b.ComputeInput),
            ComputeInfer = Duration(b.ComputeInfer),
            ComputeOutput = Duration(b.ComputeOutput),
        }));
        return stats;
    }

    private static ModelMetadataResponse.Types.TensorMetadata Tensor(TensorSpec spec)
    {
        var tensor = new ModelMetadataResponse.Types.TensorMetadata { Name = spec.Name, Datatype = spec.DataType };
        tensor.Shape.Add(spec.Shape);
        return tensor;
    }

    private static Inference.StatisticDuration Duration(Cluster.Grains.Inference.StatisticDuration d) =>
        new() { Count = (ulong)d.Count, Ns = (ulong)d.Ns };
}
