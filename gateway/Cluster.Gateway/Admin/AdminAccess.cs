using System.Globalization;
using Cluster.Gateway.Serving;
using Grpc.Core;
using Cluster.Gateway.Security;

namespace Cluster.Gateway.Admin;

/// <summary>Who may do what on the admin API: operators everything; a tenant key reads its own tenant only.</summary>
public static class AdminAccess
{
    public static CallerIdentity RequireOperator(ServerCallContext context)
    {
        var caller = Callers.Get(context);
        return caller.IsOperator ? caller : throw SecurityErrors.RequiresOperator();
    }

    public static CallerIdentity RequireOperatorOrOwnTenant(ServerCallContext context, string tenantId)
    {
        var caller = Callers.Get(context);
        return caller.IsOperator || caller.TenantId == tenantId ? caller : throw SecurityErrors.NotYourTenant();
    }

    public static string RequireId(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ServingException(ServingCode.InvalidArgument, "INVALID_ARGUMENT", $"{field} is required.") : value;

    public static long ParseVersion(string version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ServingException(ServingCode.InvalidArgument, "INVALID_ARGUMENT", $"version '{(version.Length <= 32 ? version : version[..32])}' must be a positive integer.");
}
