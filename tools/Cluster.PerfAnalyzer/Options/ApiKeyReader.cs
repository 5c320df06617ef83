namespace Cluster.PerfAnalyzer.Options;

/// <summary>Finds the API keys: the key files first, then the environment. Keys are never printed.</summary>
public static class ApiKeyReader
{
    /// <summary>The key, or null when neither a key file nor the environment variable gives one.</summary>
    public static string? Read(PerfOptions options)
    {
        if (options.KeyFile is { } path) return ReadFile("--key-file", path);
        var fromEnvironment = Environment.GetEnvironmentVariable(PerfOptions.ApiKeyEnvironmentVariable)?.Trim();
        return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
    }

    /// <summary>
    /// The key for <see cref="PerfOptions.CompareEndpoint"/>: its own key file, else the primary
    /// key, so both endpoints receive byte-for-byte the same requests unless told otherwise.
    /// </summary>
    public static string? ReadCompare(PerfOptions options, string? primaryKey) =>
        options.CompareKeyFile is { } path ? ReadFile("--compare-key-file", path) : primaryKey;

    private static string ReadFile(string option, string path)
    {
        if (!File.Exists(path)) throw new PerfSetupException($"{option} '{path}' does not exist.");
        var key = File.ReadAllText(path).Trim();
        return key.Length > 0 ? key : throw new PerfSetupException($"{option} '{path}' is empty.");
    }
}
