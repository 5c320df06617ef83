namespace Cluster.Grains.Governance;

/// <summary>
/// A model version's governance state. Approved (and Deprecated before its sunset) serve any
/// permitted purpose to approved tenants; Validated serves research (HRESCH) only; Draft and
/// Retired serve nothing.
/// </summary>
public enum LifecycleState
{
    Draft = 1,
    Validated = 2,
    Approved = 3,
    Deprecated = 4,
    Retired = 5,
}
