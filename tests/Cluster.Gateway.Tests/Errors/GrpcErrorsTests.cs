using Cluster.Gateway.Grpc;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Serving;
using Google.Rpc;
using Grpc.Core;

namespace Cluster.Gateway.Tests.Errors;

public sealed class GrpcErrorsTests
{
    [Fact]
    public void EveryServingCodeIsTheGrpcStatusOfTheSameNameAndNumber()
    {
        foreach (var code in Enum.GetValues<ServingCode>())
        {
            var status = (StatusCode)(int)code;
            Assert.Equal(code.ToString(), status.ToString());
            Assert.Equal(status, GrpcErrors.From(new ServingException(code, "R", "m")).StatusCode);
        }
    }

    [Fact]
    public void ARefusalCarriesItsReasonInErrorInfo()
    {
        var error = GrpcErrors.From(new ServingException(ServingCode.NotFound, ErrorReasons.ModelNotFound, "unknown model 'x'."));

        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(ErrorReasons.ModelNotFound, info.Reason);
        Assert.Equal(ErrorReasons.Domain, info.Domain);
        Assert.Equal("unknown model 'x'.", error.Status.Detail);
    }

    [Fact]
    public void AnInvalidArgumentAlsoCarriesABadRequest()
    {
        var error = GrpcErrors.From(ServingException.Invalid("input 'a' has 3 values; shape [2] needs 2."));

        var bad = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal("input 'a' has 3 values; shape [2] needs 2.", Assert.Single(bad.FieldViolations).Description);
    }

    [Fact]
    public void ARateRefusalCarriesTheLimitTheSubjectAndTheRetryDelay()
    {
        var error = GrpcErrors.From(QuotaErrors.Rate("clinic-1", 5, TimeSpan.FromMilliseconds(200)));

        var status = error.GetRpcStatus()!;
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("rate", status.GetDetail<ErrorInfo>().Metadata["limit"]);
        Assert.Equal("tenant:clinic-1", Assert.Single(status.GetDetail<QuotaFailure>().Violations).Subject);
        Assert.Equal(TimeSpan.FromMilliseconds(200), status.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan());
    }

    [Fact]
    public void AVolumeRefusalCarriesItsResetAndNoRetryDelay()
    {
        var resets = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        var error = GrpcErrors.From(QuotaErrors.Volume(QuotaErrors.DailyQuotaExhausted, "clinic-1", "daily", 100, resets));

        var status = error.GetRpcStatus()!;
        Assert.Equal(resets.ToString("O"), status.GetDetail<ErrorInfo>().Metadata["resets_at"]);
        Assert.Null(status.GetDetail<RetryInfo>());
    }
}
