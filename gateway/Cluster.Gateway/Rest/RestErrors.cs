using Cluster.Gateway.Serving;

namespace Cluster.Gateway.Rest;

/// <summary>
/// The REST side of the error model, in one place: a <see cref="ServingException"/> becomes the
/// HTTP status of its code and a body <c>{"error": "..."}</c> (KServe v2); a quota refusal with a
/// retry delay also sets <c>Retry-After</c> (whole seconds, rounded up).
/// </summary>
public static class RestErrors
{
    public static int HttpStatus(ServingCode code) => code switch
    {
        ServingCode.InvalidArgument or ServingCode.OutOfRange or ServingCode.FailedPrecondition => StatusCodes.Status400BadRequest,
        ServingCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        ServingCode.PermissionDenied => StatusCodes.Status403Forbidden,
        ServingCode.NotFound => StatusCodes.Status404NotFound,
        ServingCode.AlreadyExists or ServingCode.Aborted => StatusCodes.Status409Conflict,
        ServingCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        ServingCode.Cancelled => 499,
        ServingCode.Unimplemented => StatusCodes.Status501NotImplemented,
        ServingCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ServingCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static IResult From(ServingException ex)
    {
        var body = Error(HttpStatus(ex.Code), ex.Message);
        return ex.Quota?.RetryAfter is { } delay ? new RetryAfterResult(body, delay) : body;
    }

    public static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    /// <summary>The REST error body.</summary>
    public sealed record class ErrorBody(string error);

    private sealed class RetryAfterResult(IResult inner, TimeSpan delay) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
