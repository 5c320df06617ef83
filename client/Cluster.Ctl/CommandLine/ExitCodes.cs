namespace Cluster.Ctl.CommandLine;

/// <summary>clusterctl's exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server refused or failed the call, or could not be reached.</summary>
    public const int ServerError = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or malformed value, unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>The call succeeded and its answer is a failed check (<c>audit verify</c>: the chain is broken).</summary>
    public const int CheckFailed = 3;
}
