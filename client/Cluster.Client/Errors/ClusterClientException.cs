using System.Globalization;
using System.Text;
using Google.Rpc;
using Grpc.Core;

namespace Cluster.Client.Errors;

/// <summary>
/// A failed call in one line: <c>STATUS_NAME: detail</c>, followed by what the rich error model adds
/// when the server sent it: <c>[reason ErrorInfo.reason]</c>, <c>[retry after 1.5s]</c>, the
/// violated quota or the bad field. Built from the <see cref="RpcException"/> by <see cref="From"/>.
/// </summary>
public sealed class ClusterClientException : Exception
{
    private ClusterClientException(string message, RpcException inner, string? reason, string? domain, TimeSpan? retryAfter)
        : base(message, inner)
    {
        StatusCode = inner.StatusCode;
        Reason = reason;
        Domain = domain;
        RetryAfter = retryAfter;
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>Upper-case name of <see cref="StatusCode"/>, e.g. <c>NOT_FOUND</c>.</summary>
    public string StatusName => StatusCodeNames.Of(StatusCode);

    /// <summary><c>google.rpc.ErrorInfo.reason</c> when the server sent one (e.g. <c>MODEL_NOT_FOUND</c>).</summary>
    public string? Reason { get; }

    /// <summary><c>google.rpc.ErrorInfo.domain</c> when the server sent one.</summary>
    public string? Domain { get; }

    /// <summary><c>google.rpc.RetryInfo.retry_delay</c> when the server sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Reads the status and its rich details out of <paramref name="exception"/>.</summary>
    public static ClusterClientException From(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = TryGetRpcStatus(exception);
        var detail = status is { Message.Length: > 0 } ? status.Message : exception.Status.Detail;
        if (exception.Status.DebugException is { } debug && exception.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown)
        {
            var cause = Innermost(debug).Message;
            if (!detail.Contains(cause, StringComparison.Ordinal)) detail = $"{detail.TrimEnd('.')}: {cause}";
        }
        var info = status?.GetDetail<ErrorInfo>();
        var retry = status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();

        var line = new StringBuilder(StatusCodeNames.Of(exception.StatusCode)).Append(": ").Append(OneLine(detail));
        if (info is { Reason.Length: > 0 }) line.Append(" [reason ").Append(info.Reason).Append(']');
        if (retry is { } delay) line.Append(" [retry after ").Append(FormatDelay(delay)).Append(']');
        // A violation the detail already states (servers often repeat it there) is not repeated.
        var violations = (status?.GetDetail<QuotaFailure>()?.Violations ?? [])
            .Select(v => OneLine(string.IsNullOrEmpty(v.Description) ? v.Subject : v.Description))
            .Where(v => !OneLine(detail).Contains(v, StringComparison.Ordinal))
            .ToList();
        if (violations.Count > 0) line.Append(" [quota ").AppendJoin(", ", violations).Append(']');
        if (status?.GetDetail<BadRequest>() is { FieldViolations.Count: > 0 } bad)
        {
            var fields = bad.FieldViolations.Select(v => v.Field).Where(f => f.Length > 0).Distinct().ToList();
            if (fields.Count > 0) line.Append(" [field ").AppendJoin(", ", fields).Append(']');
        }
        return new ClusterClientException(line.ToString(), exception, info?.Reason is { Length: > 0 } r ? r : null, info?.Domain, retry);
    }

    private static Google.Rpc.Status? TryGetRpcStatus(RpcException exception)
    {
        try
        {
            return exception.GetRpcStatus();
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or FormatException)
        {
            return null; // a malformed grpc-status-details-bin: fall back to the plain status
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }

    private static string OneLine(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return "(no detail)";
        return string.Join(' ', trimmed.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string FormatDelay(TimeSpan delay) =>
        delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
