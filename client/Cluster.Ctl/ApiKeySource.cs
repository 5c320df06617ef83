using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl;

/// <summary>
/// Where the API key comes from: the file named by <c>--key-file</c> (whitespace around the key
/// trimmed), else the environment variable <see cref="EnvironmentVariable"/>, else none.
/// </summary>
public static class ApiKeySource
{
    public const string EnvironmentVariable = "CLUSTER_API_KEY";

    public static string? Resolve(GlobalOptions globals, Func<string, string?> environment)
    {
        if (globals.KeyFile is { } path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--key-file cannot read '{path}': {e.Message}");
            }
            var key = text.Trim();
            if (key.Length == 0) throw new UsageException($"--key-file '{path}' is empty");
            if (!IsHeaderSafe(key)) throw new UsageException($"--key-file '{path}' must hold one key: printable ASCII without spaces");
            return key;
        }
        var fromEnvironment = environment(EnvironmentVariable)?.Trim();
        if (string.IsNullOrEmpty(fromEnvironment)) return null;
        if (!IsHeaderSafe(fromEnvironment)) throw new UsageException($"{EnvironmentVariable} must hold one key: printable ASCII without spaces");
        return fromEnvironment;
    }

    private static bool IsHeaderSafe(string key) => key.All(c => c is > ' ' and < (char)127);
}
