using Cluster.PerfAnalyzer.Options;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>Writes the finished report: the table to the console, JSON and Markdown where the options ask.</summary>
public static class ReportWriter
{
    public static void Write(PerfReport report, PerfOptions options, TextWriter console)
    {
        ConsoleReport.WriteTable(console, report);
        if (options.JsonPath is { } json) WriteFile(json, JsonReport.Render(report), console);
        if (options.MarkdownPath is { } markdown) WriteFile(markdown, MarkdownReport.Render(report), console);
        if (options.ChartPath is { } chart)
        {
            try
            {
                CreateFolder(chart);
                LatencyThroughputChart.SavePng(report, chart);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PerfSetupException($"could not write '{chart}': {ex.Message}");
            }

            console.WriteLine($"wrote {chart}");
        }
    }

    private static void CreateFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
    }

    private static void WriteFile(string path, string content, TextWriter console)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(path, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PerfSetupException($"could not write '{path}': {ex.Message}");
        }

        console.WriteLine($"wrote {path}");
    }
}
