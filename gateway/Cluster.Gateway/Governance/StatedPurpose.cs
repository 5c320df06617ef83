using Cluster.Gateway.Serving;
using Cluster.Grains.Tenancy;
using Google.Protobuf.Collections;
using Inference;

namespace Cluster.Gateway.Governance;

/// <summary>The purpose of use a call states: request parameter <c>purpose_of_use</c>, else metadata <c>x-purpose-of-use</c>.</summary>
public static class StatedPurpose
{
    public static string? FromGrpc(MapField<string, InferParameter> parameters, global::Grpc.Core.Metadata headers)
    {
        if (parameters.TryGetValue(PurposeOfUse.Parameter, out var p))
        {
            if (p.ParameterChoiceCase != InferParameter.ParameterChoiceOneofCase.StringParam)
                throw ServingException.Invalid($"request parameter '{PurposeOfUse.Parameter}' must be a string_param.");
            return p.StringParam;
        }
        return headers.GetValue(PurposeOfUse.Header);
    }

    public static string? FromHeader(HttpContext http) =>
        http.Request.Headers.TryGetValue(PurposeOfUse.Header, out var v) && v.Count > 0 ? v[0] : null;
}
