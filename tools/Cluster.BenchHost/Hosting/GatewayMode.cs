namespace Cluster.BenchHost.Hosting;

/// <summary>What a bench gateway leaves on.</summary>
public enum GatewayMode
{
    /// <summary>As shipped: governance, quota, metering and audit.</summary>
    Full,

    /// <summary>Authentication and governance on; quota, metering and audit off.</summary>
    GovernanceOnly,

    /// <summary>Nothing: any credential is tenant bench, any model version serves, no quota, metering or audit.</summary>
    Open,
}
