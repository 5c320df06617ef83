namespace Cluster.Gateway.Security;

/// <summary>Credentials and how fresh the gateway's view of keys and tenants must be (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The operator key itself (<c>hso_...</c>), e.g. from a Kubernetes secret as an environment variable.</summary>
    public string? OperatorKey { get; set; }

    /// <summary>A file holding the operator key; read at start-up. The local run generates <c>.local/operator.key</c>.</summary>
    public string? OperatorKeyFile { get; set; }

    /// <summary>
    /// How often the gateway polls the governance change feed (one grain call per gateway, not per
    /// entry), so a change reaches it within about this value. While the feed does not answer, this is
    /// also the age after which a cached key or tenant is refreshed in the background.
    /// </summary>
    public TimeSpan RefreshAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Oldest a cached key or tenant may be when used, counted from its fetch or from the last feed
    /// poll that vouched for it; older entries are fetched before the call proceeds. This bounds how
    /// long a revocation, suspension or policy change takes to reach every gateway even when the feed
    /// fails (this value plus one grain round trip; 4 s by default, so within 5 s).
    /// </summary>
    public TimeSpan MaxStale { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Safety net: a cached key or tenant the feed reported no change for is still refreshed in the
    /// background once its fetch is this old (default 60 s), so a change whose notice was lost
    /// (its publisher was told CHANGE_NOT_PUBLISHED and never retried) reaches gateways within it.
    /// </summary>
    public TimeSpan RefreshUnchangedAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most key ids and tenants kept in each cache (unknown ids are forgotten first, valid keys last).</summary>
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>Failed authentications a source address may make at once before it is refused (default 20).</summary>
    public int FailedAuthenticationBurst { get; set; } = 20;

    /// <summary>Rate at which a source's failed-authentication allowance refills (default 1 per second).</summary>
    public double FailedAuthenticationsPerSecond { get; set; } = 1;

    /// <summary>Most source addresses whose failures are tracked (default 10,000).</summary>
    public int FailedAuthenticationSources { get; set; } = 10_000;
}
