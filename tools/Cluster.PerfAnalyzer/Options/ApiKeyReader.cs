namespace Cluster.PerfAnalyzer.Options;

/// <summary>Finds the API key: the <c>--key-file</c> first, then the environment. The key is never printed.</summary>
public static class ApiKeyReader
{
    /// <summary>The key, or null when neither a key file nor the environment variable gives one.</summary>
    public static string? Read(PerfOptions options)
    {
        if (options.KeyFile is { } path)
        {
            if (!File.Exists(path)) throw new PerfSetupException($"--key-file '{path}' does not exist.");
            var key = File.ReadAllText(path).Trim();
            return key.Length > 0 ? key : throw new PerfSetupException($"--key-file '{path}' is empty.");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(PerfOptions.ApiKeyEnvironmentVariable)?.Trim();
        return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
    }
}
