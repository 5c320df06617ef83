namespace Cluster.Grains.Journal;

/// <summary>The two streams a gateway journals.</summary>
public enum JournalStream
{
    Audit = 0,
    Usage = 1,
}
