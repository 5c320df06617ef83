using System.Globalization;

namespace Cluster.Training;

/// <summary>
/// Reads scikit-learn's copy of the Wisconsin Diagnostic data: a header of counts and class names
/// (<c>569,30,malignant,benign</c>), then rows of 30 features and the target (0 = malignant,
/// 1 = benign). The label returned is 1 for MALIGNANT, the class the model flags.
/// </summary>
public static class CsvLoader
{
    public static DataSet LoadBreastCancer(string path)
    {
        var lines = File.ReadLines(path).Where(line => line.Length > 0).ToList();
        if (lines.Count == 0)
            throw new InvalidDataException($"{path} is empty.");

        var header = lines[0].Split(',');
        if (header.Length < 2
            || !int.TryParse(header[0], CultureInfo.InvariantCulture, out var rowCount)
            || !int.TryParse(header[1], CultureInfo.InvariantCulture, out var featureCount))
            throw new InvalidDataException($"{path}: the first line must be '<rows>,<features>,<class names...>'.");
        if (lines.Count - 1 != rowCount)
            throw new InvalidDataException($"{path}: the header promises {rowCount} rows but there are {lines.Count - 1}.");

        var features = new List<double[]>(rowCount);
        var labels = new List<int>(rowCount);
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != featureCount + 1)
                throw new InvalidDataException($"{path} line {i + 1}: expected {featureCount + 1} values, found {cells.Length}.");

            features.Add([.. cells.Take(featureCount).Select(cell => double.Parse(cell, CultureInfo.InvariantCulture))]);
            var target = int.Parse(cells[featureCount], CultureInfo.InvariantCulture);
            labels.Add(target switch
            {
                0 => 1, // malignant
                1 => 0, // benign
                _ => throw new InvalidDataException($"{path} line {i + 1}: target {target} is neither 0 nor 1."),
            });
        }

        return new DataSet(features, labels);
    }
}
