namespace Cluster.Gateway.Security;

/// <summary>A cache kept current by the governance change feed (<see cref="GovernanceFeedReader"/>).</summary>
public interface IChangeFeedTarget
{
    /// <summary>The answer for <paramref name="key"/> changed: fetch it before its next use.</summary>
    void Invalidate(string key);

    /// <summary>A poll that started at <paramref name="pollStartedAt"/> (a timestamp) applied every change up to it.</summary>
    void Covered(long pollStartedAt);

    /// <summary>The feed lost its place: it vouches for nothing held now beyond its last poll before this.</summary>
    void Reset();
}
