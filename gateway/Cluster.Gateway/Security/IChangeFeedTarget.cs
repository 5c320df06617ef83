namespace Cluster.Gateway.Security;

/// <summary>A cache kept current by the governance change feed (<see cref="GovernanceFeedReader"/>).</summary>
public interface IChangeFeedTarget
{
    /// <summary>The answer for <paramref name="key"/> changed: fetch it before its next use.</summary>
    void Invalidate(string key);

    /// <summary>A poll that started at <paramref name="pollStartedAt"/> (a timestamp) applied every change up to it.</summary>
    void Covered(long pollStartedAt);

    /// <summary>The feed lost its place, answering at or before <paramref name="answeredAt"/>: it vouches for nothing fetched before then.</summary>
    void Reset(long answeredAt);
}
