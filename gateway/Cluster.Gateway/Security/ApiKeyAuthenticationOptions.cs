using Microsoft.AspNetCore.Authentication;

namespace Cluster.Gateway.Security;

/// <summary>Options of the API-key scheme; the credential rules themselves are <see cref="AuthOptions"/>.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
}
