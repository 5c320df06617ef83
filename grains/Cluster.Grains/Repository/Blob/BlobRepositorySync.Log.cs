using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Repository.Blob;

public sealed partial class BlobRepositorySync
{
    [LoggerMessage(EventId = 220, Level = LogLevel.Information,
        Message = "Model repository container {Container} mirrored into {CacheFolder}: {Downloaded} downloaded, {Deleted} deleted, {Refused} refused, {Unchanged} unchanged")]
    private static partial void LogSynced(ILogger logger, string container, string cacheFolder, int downloaded, int deleted, int refused, int unchanged);

    [LoggerMessage(EventId = 221, Level = LogLevel.Warning,
        Message = "Model repository container {Container} could not be read ({Error}: {Message}); scanning the cached copy")]
    private static partial void LogSyncFailed(ILogger logger, string container, string error, string message);

    [LoggerMessage(EventId = 222, Level = LogLevel.Warning, Message = "Blob {Blob} skipped: {Reason}")]
    private static partial void LogRefusedName(ILogger logger, string blob, string reason);

    [LoggerMessage(EventId = 223, Level = LogLevel.Debug, Message = "Blob {Blob} downloaded ({Bytes} bytes)")]
    private static partial void LogDownloaded(ILogger logger, string blob, long bytes);
}
