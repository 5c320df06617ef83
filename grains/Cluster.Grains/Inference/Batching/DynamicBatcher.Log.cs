using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Inference.Batching;

internal sealed partial class DynamicBatcher
{
    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Shard {Shard}: a batch of {Requests} requests failed ({Error}); running each request alone")]
    private static partial void LogBatchIsolated(ILogger logger, string shard, int requests, string error);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Shard {Shard} run failed: {Reason}")]
    private static partial void LogRunFailed(ILogger logger, string shard, string reason);

    [LoggerMessage(EventId = 312, Level = LogLevel.Error, Message = "Shard {Shard} batch scheduler fault")]
    private static partial void LogSchedulerFault(ILogger logger, string shard, Exception exception);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "Shard {Shard} stopped with {Batches} batches still running after 30 s")]
    private static partial void LogStopTimedOut(ILogger logger, string shard, int batches);
}
