using System.Text;
using Grpc.Core;

namespace Cluster.PerfAnalyzer.Latency;

/// <summary>Names failures as gRPC's documentation does: <c>DeadlineExceeded</c> is <c>DEADLINE_EXCEEDED</c>.</summary>
public static class StatusNames
{
    public static string Of(StatusCode code) => ToUpperSnake(code.ToString());

    /// <summary>A failure that never reached gRPC (a client-side exception), by exception type.</summary>
    public static string OfClientException(Exception exception) => "CLIENT_" + ToUpperSnake(exception.GetType().Name);

    private static string ToUpperSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1])) builder.Append('_');
            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
