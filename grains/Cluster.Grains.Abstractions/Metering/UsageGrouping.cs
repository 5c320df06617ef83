namespace Cluster.Grains.Metering;

/// <summary>How usage totals are broken down.</summary>
public enum UsageGrouping
{
    None = 0,
    Model = 1,
    Purpose = 2,
    Day = 3,
}
