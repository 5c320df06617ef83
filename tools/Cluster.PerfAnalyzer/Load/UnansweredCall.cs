using Grpc.Core;

namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// Tells a call that no gateway answered from one a gateway refused: UNAVAILABLE without any HTTP
/// response (no headers, no trailers), so the stream never reached a gateway, e.g. it started on a
/// connection the gateway had just closed with GOAWAY. Such a call is safe to send again (gRPC's
/// transparent retry, gRFC A6): no gateway ran, metered or audited it, and the resilience suite's
/// exact audit count would show it if one had. A call a gateway answered, with any status, is not.
/// </summary>
public static class UnansweredCall
{
    /// <param name="responseHeaders">The call's <c>ResponseHeadersAsync</c>, read after it failed.</param>
    public static bool Is(Task<Metadata> responseHeaders, RpcException failure) =>
        failure.StatusCode == StatusCode.Unavailable && !responseHeaders.IsCompletedSuccessfully;
}
