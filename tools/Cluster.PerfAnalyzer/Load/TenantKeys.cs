namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// The <c>--tenant-keys</c> file: one "KEY MODEL" line per tenant (blank lines skipped). The load
/// generator cycles its callers over them, so every tenant and model is called in turn.
/// </summary>
public static class TenantKeys
{
    public static IReadOnlyList<TenantKey> Read(string path)
    {
        if (!File.Exists(path)) throw new PerfSetupException($"--tenant-keys '{path}' does not exist.");
        var keys = Parse(File.ReadLines(path));
        return keys.Count > 0 ? keys : throw new PerfSetupException($"--tenant-keys '{path}' holds no \"KEY MODEL\" line.");
    }

    public static IReadOnlyList<TenantKey> Parse(IEnumerable<string> lines)
    {
        var keys = new List<TenantKey>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0) continue;
            // Never echo the line: it holds a secret.
            if (parts.Length != 2) throw new PerfSetupException($"--tenant-keys line {number} is not \"KEY MODEL\".");
            keys.Add(new TenantKey(parts[0], parts[1]));
        }
        return keys;
    }
}
