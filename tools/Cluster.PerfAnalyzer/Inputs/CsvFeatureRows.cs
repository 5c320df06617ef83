using System.Globalization;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>
/// Reads rows of numeric features from a CSV: the first <c>featuresPerRow</c> fields of each row,
/// any further fields (a label, say) ignored. A first line with a field that is not a number is a
/// header (scikit-learn's <c>569,30,malignant,benign</c>, or column names) and is skipped.
/// </summary>
public static class CsvFeatureRows
{
    public static IReadOnlyList<double[]> Read(string path, int featuresPerRow)
    {
        if (!File.Exists(path)) throw new PerfSetupException($"--data '{path}' does not exist.");
        var rows = new List<double[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            if (lineNumber == 1 && !fields.All(IsNumber)) continue;
            rows.Add(ParseRow(path, lineNumber, fields, featuresPerRow));
        }

        return rows.Count > 0 ? rows : throw new PerfSetupException($"--data '{path}' holds no data rows.");
    }

    private static double[] ParseRow(string path, int lineNumber, string[] fields, int featuresPerRow)
    {
        if (fields.Length < featuresPerRow)
            throw new PerfSetupException($"--data '{path}' line {lineNumber} has {fields.Length} fields; the input needs {featuresPerRow} per row.");
        var row = new double[featuresPerRow];
        for (var i = 0; i < featuresPerRow; i++)
        {
            if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                throw new PerfSetupException($"--data '{path}' line {lineNumber} field {i + 1} is not a number.");
        }

        return row;
    }

    private static bool IsNumber(string field) => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
