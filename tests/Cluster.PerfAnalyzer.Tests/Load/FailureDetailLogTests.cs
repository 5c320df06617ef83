using Cluster.PerfAnalyzer.Load;
using Grpc.Core;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class FailureDetailLogTests
{
    [Fact]
    public void FailuresAreCountedByStatusAndDetail()
    {
        var log = new FailureDetailLog();
        log.Record("UNAVAILABLE", new RpcException(new Status(StatusCode.Unavailable, "QUOTA_UNAVAILABLE: lease")));
        log.Record("UNAVAILABLE", new RpcException(new Status(StatusCode.Unavailable, "QUOTA_UNAVAILABLE: lease")));
        log.Record("RESOURCE_EXHAUSTED", new RpcException(new Status(StatusCode.ResourceExhausted, "queue full")));

        var counts = log.Snapshot();
        Assert.Equal(2, counts["UNAVAILABLE: QUOTA_UNAVAILABLE: lease"]);
        Assert.Equal(1, counts["RESOURCE_EXHAUSTED: queue full"]);
    }

    [Fact]
    public void ATransportFailureNamesTheExceptionsUnderIt()
    {
        var log = new FailureDetailLog();
        var transport = new IOException("The request was aborted.", new InvalidOperationException("GOAWAY received"));
        log.Record("UNAVAILABLE", new RpcException(new Status(StatusCode.Unavailable, "Error starting gRPC call.", transport)));

        var detail = Assert.Single(log.Snapshot()).Key;
        Assert.Equal("UNAVAILABLE: Error starting gRPC call. <- IOException: The request was aborted. <- InvalidOperationException: GOAWAY received", detail);
    }

    [Fact]
    public void PastTheLimitOfDistinctDetailsTheRestCountAsOther()
    {
        var log = new FailureDetailLog();
        for (var i = 0; i < FailureDetailLog.MaxDistinct + 5; i++) log.Record("CLIENT_IO_EXCEPTION", new IOException($"reset {i}"));

        var counts = log.Snapshot();
        Assert.Equal(FailureDetailLog.MaxDistinct + 1, counts.Count);
        Assert.Equal(5, counts["CLIENT_IO_EXCEPTION: (other)"]);
    }
}
