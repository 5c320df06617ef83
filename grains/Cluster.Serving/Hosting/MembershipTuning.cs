using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Cluster.Grains.Hosting;

/// <summary>
/// Failure detection chosen for serving (docs/resilience.md, "Failure detection"): Orleans'
/// defaults declare a dead silo after 15-20 s (three missed 5 s probes), during which every call
/// to its shards fails or waits. Here a silo is probed every 2 s (bounded 1-8 s by Orleans' own
/// adaptation to observed probe times), suspected after 3 missed probes and declared dead on
/// 2 votes (or every live silo's vote where fewer are left): a process that died is declared dead
/// within about 6-10 s, one whose connections are refused sooner. Probe timeouts stretch while
/// the prober itself is degraded (CPU starved, long GC), and recent traffic on a connection
/// vetoes a suspicion, so a busy silo is not declared dead for being slow. Every value can be
/// overridden under <c>Cluster:Membership</c> with Orleans' own names (e.g.
/// <c>Cluster:Membership:ProbeTimeout=00:00:05</c>).
/// </summary>
public static class MembershipTuning
{
    public const string SectionName = "Cluster:Membership";

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    public const int NumMissedProbesLimit = 3;
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>How often silos re-read the membership table besides gossip (Orleans: 60 s).</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How often a gateway re-reads the list of silo gateways (Orleans: 60 s), so a replaced silo is used within this.</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a gateway re-reads the cluster manifest (Orleans: 60 s): the silos it lists are how
    /// a gateway learns that a silo left, to send again the calls in flight to its shards.
    /// </summary>
    public static readonly TimeSpan ManifestRefreshPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The silo's membership options: the tuned values, then whatever <c>Cluster:Membership</c> sets.</summary>
    public static void Apply(ClusterMembershipOptions options, IConfiguration configuration)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.MinProbeTimeout = ProbeTimeout / 2;
        options.MaxProbeTimeout = ProbeTimeout * 4;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.ExtendProbeTimeoutDuringDegradation = true;
        options.EnableIndirectProbes = true;
        options.EnableConnectionLivenessCheck = true;
        configuration.GetSection(SectionName).Bind(options);
    }

    /// <summary>The gateway's (Orleans client's) view of the silos: refreshed every <see cref="GatewayListRefreshPeriod"/> unless configured.</summary>
    public static void Apply(GatewayOptions options, IConfiguration configuration)
    {
        options.GatewayListRefreshPeriod = GatewayListRefreshPeriod;
        configuration.GetSection(SectionName).Bind(options);
    }

    /// <summary>The gateway's (Orleans client's) manifest refresh: every <see cref="ManifestRefreshPeriod"/> unless <c>Cluster:Membership:TypeMapRefreshInterval</c> says otherwise.</summary>
    public static void Apply(TypeManagementOptions options, IConfiguration configuration)
    {
        options.TypeMapRefreshInterval = ManifestRefreshPeriod;
        configuration.GetSection(SectionName).Bind(options);
    }
}
