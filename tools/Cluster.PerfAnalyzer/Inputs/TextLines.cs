namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>The non-empty lines of a UTF-8 text file, the elements of a BYTES input. Only the count is ever reported.</summary>
public static class TextLines
{
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path)) throw new PerfSetupException($"--text '{path}' does not exist.");
        var lines = File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        return lines.Count > 0 ? lines : throw new PerfSetupException($"--text '{path}' holds no non-empty line.");
    }
}
