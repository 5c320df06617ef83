using Cluster.Client.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Cluster.Client.Tests.Errors;

public sealed class ClusterClientExceptionTests
{
    private static RpcException Rich(Code code, string message, params Google.Protobuf.IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details) status.Details.Add(Any.Pack(detail));
        return status.ToRpcException();
    }

    [Fact]
    public void FormatsStatusNameDetailAndErrorInfoReasonOnOneLine()
    {
        var error = ClusterClientException.From(Rich(
            Code.PermissionDenied,
            "purpose HRESCH is not permitted for tenant mayo",
            new ErrorInfo { Reason = "PURPOSE_NOT_PERMITTED", Domain = "cluster.health-models" }));
        Assert.Equal("PERMISSION_DENIED: purpose HRESCH is not permitted for tenant mayo [reason PURPOSE_NOT_PERMITTED]", error.Message);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("PURPOSE_NOT_PERMITTED", error.Reason);
        Assert.Equal("cluster.health-models", error.Domain);
    }

    [Fact]
    public void AddsRetryDelayAndQuotaViolation()
    {
        var error = ClusterClientException.From(Rich(
            Code.ResourceExhausted,
            "rate limit exceeded",
            new ErrorInfo { Reason = "RATE_LIMITED" },
            new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(1500)) },
            new QuotaFailure { Violations = { new QuotaFailure.Types.Violation { Subject = "tenant:mayo", Description = "10 requests/s" } } }));
        Assert.Equal("RESOURCE_EXHAUSTED: rate limit exceeded [reason RATE_LIMITED] [retry after 1.5s] [quota 10 requests/s]", error.Message);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Fact]
    public void LeavesOutAQuotaViolationTheDetailAlreadyStates()
    {
        const string detail = "tenant 'demo' is over its rate limit of 0.2 requests per second; retry after 4080 ms.";
        var error = ClusterClientException.From(Rich(
            Code.ResourceExhausted,
            detail,
            new ErrorInfo { Reason = "RATE_LIMITED" },
            new QuotaFailure { Violations = { new QuotaFailure.Types.Violation { Subject = "tenant:demo", Description = detail } } }));
        Assert.Equal($"RESOURCE_EXHAUSTED: {detail} [reason RATE_LIMITED]", error.Message);
    }

    [Fact]
    public void AddsTheBadRequestField()
    {
        var error = ClusterClientException.From(Rich(
            Code.InvalidArgument,
            "input 'features' has shape [1,29]; the model needs [-1,30]",
            new ErrorInfo { Reason = "INVALID_TENSOR" },
            new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = "inputs", Description = "x" } } }));
        Assert.Equal("INVALID_ARGUMENT: input 'features' has shape [1,29]; the model needs [-1,30] [reason INVALID_TENSOR] [field inputs]", error.Message);
    }

    [Fact]
    public void PlainStatusWithoutDetailsIsStatusNameAndDetail()
    {
        var error = ClusterClientException.From(new RpcException(new Grpc.Core.Status(StatusCode.NotFound, "unknown model 'x'")));
        Assert.Equal("NOT_FOUND: unknown model 'x'", error.Message);
        Assert.Null(error.Reason);
    }

    [Fact]
    public void MultiLineDetailBecomesOneLine() =>
        Assert.Equal(
            "INTERNAL: first line second line",
            ClusterClientException.From(new RpcException(new Grpc.Core.Status(StatusCode.Internal, "first line\r\n  second line\n"))).Message);

    [Fact]
    public void EmptyDetailSaysSo() =>
        Assert.Equal("UNAUTHENTICATED: (no detail)", ClusterClientException.From(new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, ""))).Message);

    [Fact]
    public void TransportFailureNamesTheCause()
    {
        var cause = new HttpRequestException("Connection refused (127.0.0.1:1)");
        var error = ClusterClientException.From(new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "Error starting gRPC call.", cause)));
        Assert.Equal("UNAVAILABLE: Error starting gRPC call: Connection refused (127.0.0.1:1)", error.Message);
    }

    [Theory]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [InlineData(StatusCode.FailedPrecondition, "FAILED_PRECONDITION")]
    [InlineData(StatusCode.Unauthenticated, "UNAUTHENTICATED")]
    [InlineData(StatusCode.AlreadyExists, "ALREADY_EXISTS")]
    [InlineData(StatusCode.OK, "OK")]
    public void StatusNamesAreTheCanonicalUpperCaseForms(StatusCode code, string name) =>
        Assert.Equal(name, StatusCodeNames.Of(code));
}
