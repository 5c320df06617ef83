using Cluster.PerfAnalyzer.Load;
using Grpc.Core;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class UnansweredCallTests
{
    private static readonly RpcException Unavailable = new(new Status(StatusCode.Unavailable, "Error starting gRPC call."));

    [Fact]
    public void AnUnavailableCallWithoutAnyResponseIsUnanswered() =>
        Assert.True(UnansweredCall.Is(Task.FromException<Metadata>(Unavailable), Unavailable));

    [Fact]
    public void AnUnavailableAnswerFromAGatewayIsNotSentAgain() =>
        Assert.False(UnansweredCall.Is(Task.FromResult(new Metadata()), new RpcException(new Status(StatusCode.Unavailable, "QUOTA_UNAVAILABLE"))));

    [Fact]
    public void ADeadlineIsNeverSentAgain() =>
        Assert.False(UnansweredCall.Is(Task.FromException<Metadata>(Unavailable), new RpcException(new Status(StatusCode.DeadlineExceeded, ""))));
}
