using System.Runtime.InteropServices;
using Cluster.Grains.Inference;
using Cluster.Grains.Inference.Batching;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Batchers, policies and tagged requests for the batching tests.</summary>
internal static class Batching
{
    /// <summary>echo: INPUT0 FP32 [-1,4] -> OUTPUT0, max_batch_size 8, dynamic batching without delay.</summary>
    public static ModelVersionDescriptor Echo(int maxBatchSize = 8) => new()
    {
        Name = "echo",
        Version = 1,
        MaxBatchSize = maxBatchSize,
        Inputs = [new("INPUT0", DataTypes.Fp32, [-1, 4])],
        Outputs = [new("OUTPUT0", DataTypes.Fp32, [-1, 4])],
        DynamicBatching = new DynamicBatchingSettings([], 0, 0),
    };

    /// <summary>ragged: INPUT0 FP32 [-1,-1] -> OUTPUT0 FP32 [-1,-1]: a variable second dimension.</summary>
    public static ModelVersionDescriptor Ragged(int maxBatchSize = 8) => Echo(maxBatchSize) with
    {
        Name = "ragged",
        Inputs = [new("INPUT0", DataTypes.Fp32, [-1, -1])],
        Outputs = [new("OUTPUT0", DataTypes.Fp32, [-1, -1])],
    };

    /// <summary>A policy in the ticks of <paramref name="time"/> (the system clock by default).</summary>
    public static BatchingPolicy Policy(
        int maxBatchSize = 8, int[]? preferred = null, long delayMicroseconds = 0, int maxQueueSize = 0,
        int priorityLevels = 0, int defaultPriorityLevel = 0, bool padding = true, int concurrency = 1, TimeProvider? time = null) =>
        BatchingPolicy.From(maxBatchSize, new DynamicBatchingSettings(preferred ?? [], delayMicroseconds, maxQueueSize)
        {
            PriorityLevels = priorityLevels,
            DefaultPriorityLevel = defaultPriorityLevel,
            PadVariableDimensions = padding,
        }, concurrency, (time ?? TimeProvider.System).TimestampFrequency);

    /// <summary>A batcher on <paramref name="time"/> (the system clock by default); give <paramref name="policy"/> the same clock.</summary>
    public static DynamicBatcher Batcher(IModelRunner runner, BatchingPolicy policy, ShardStatisticsRecorder? statistics = null, TimeProvider? time = null) =>
        new(runner, policy, statistics ?? new ShardStatisticsRecorder(time ?? TimeProvider.System), new ShardMetrics(runner.Model.Name, runner.Model.VersionText),
            NullLogger.Instance, $"{runner.Model.Name}/1/0", time ?? TimeProvider.System);

    /// <summary>An echo request of <paramref name="rows"/> rows, every value <paramref name="id"/>.</summary>
    public static InferenceRequest Tagged(float id, int rows = 1, string tenant = "", double weight = 1, int priority = 0, long timeoutMicroseconds = 0, int width = 4, string model = "echo") =>
        new(model, 1, [Fp32("INPUT0", rows, width, id)], [])
        {
            TenantId = tenant,
            Weight = weight,
            Priority = priority,
            TimeoutMicroseconds = timeoutMicroseconds,
        };

    public static InferenceTensor Fp32(string name, int rows, int width, float value) =>
        new(name, DataTypes.Fp32, [rows, width], MemoryMarshal.AsBytes(Enumerable.Repeat(value, rows * width).ToArray().AsSpan()).ToArray());

    public static float[] Floats(InferenceTensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.Data.Span).ToArray();

    /// <summary>The tag of every row a run carried, in batch order.</summary>
    public static float[] RowTags(InferenceRequest run)
    {
        var input = run.Inputs[0];
        var values = Floats(input);
        var width = (int)(values.Length / input.Shape[0]);
        return [.. Enumerable.Range(0, (int)input.Shape[0]).Select(r => values[r * width])];
    }

    /// <summary>Submits a request that arrives now on the batcher's clock.</summary>
    public static Task<InferenceResponse> Submit(this DynamicBatcher batcher, InferenceRequest request) =>
        batcher.Submit(request, batcher.Time.GetTimestamp());

    /// <summary>A queued request as the planner sees it.</summary>
    public static PendingRequest Pending(long rows, long arrived, int width = 4, int level = 0) =>
        new(Tagged(0, (int)rows, width: width), [Fp32("INPUT0", (int)rows, width, 0)], rows, level, arrived, long.MaxValue);
}
