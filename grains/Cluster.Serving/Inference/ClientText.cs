namespace Cluster.Grains.Inference;

/// <summary>
/// Text a client supplied (tensor, model and tenant names, versions, request ids) as it may be
/// echoed in messages and kept in records: capped, so a hostile name cannot bloat either.
/// </summary>
public static class ClientText
{
    /// <summary>For messages: at most 64 characters, marked with "..." when cut.</summary>
    public static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";

    /// <summary>For stored records: at most 128 characters.</summary>
    public static string Cap(string text) => text.Length <= 128 ? text : text[..128];
}
