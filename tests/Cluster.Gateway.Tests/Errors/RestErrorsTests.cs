using System.Text.Json;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Rest;
using Cluster.Gateway.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cluster.Gateway.Tests.Errors;

public sealed class RestErrorsTests
{
    [Theory]
    [InlineData(ServingCode.InvalidArgument, 400)]
    [InlineData(ServingCode.FailedPrecondition, 400)]
    [InlineData(ServingCode.Unauthenticated, 401)]
    [InlineData(ServingCode.PermissionDenied, 403)]
    [InlineData(ServingCode.NotFound, 404)]
    [InlineData(ServingCode.ResourceExhausted, 429)]
    [InlineData(ServingCode.Unavailable, 503)]
    [InlineData(ServingCode.DeadlineExceeded, 504)]
    [InlineData(ServingCode.Internal, 500)]
    public void EachCodeAnswersItsHttpStatus(ServingCode code, int status) => Assert.Equal(status, RestErrors.HttpStatus(code));

    [Fact]
    public async Task ARateRefusalAnswers429WithRetryAfterInWholeSecondsAndTheMessage()
    {
        var http = await Execute(RestErrors.From(QuotaErrors.Rate("clinic-1", 2, TimeSpan.FromMilliseconds(1500))));

        Assert.Equal(429, http.Response.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        Assert.Contains("rate limit of 2 requests per second", Body(http));
    }

    [Fact]
    public async Task ANotFoundAnswers404WithoutRetryAfter()
    {
        var http = await Execute(RestErrors.From(new ServingException(ServingCode.NotFound, ErrorReasons.ModelNotFound, "unknown model 'x'.")));

        Assert.Equal(404, http.Response.StatusCode);
        Assert.False(http.Response.Headers.ContainsKey("Retry-After"));
        Assert.Equal("unknown model 'x'.", JsonDocument.Parse(Body(http)).RootElement.GetProperty("error").GetString());
    }

    private static async Task<DefaultHttpContext> Execute(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        return http;
    }

    private static string Body(HttpContext http) => System.Text.Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());
}
