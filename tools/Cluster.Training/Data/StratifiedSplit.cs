namespace Cluster.Training;

/// <summary>A seeded split that keeps each class's share the same in both parts.</summary>
public static class StratifiedSplit
{
    /// <summary>Returns sorted row indices of the training and test parts.</summary>
    public static (int[] Train, int[] Test) Split(IReadOnlyList<int> labels, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(testFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1.0);

        var random = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        foreach (var label in labels.Distinct().Order())
        {
            var rows = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            random.Shuffle(rows);
            var testCount = (int)Math.Round(rows.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(rows.Take(testCount));
            train.AddRange(rows.Skip(testCount));
        }

        return ([.. train.Order()], [.. test.Order()]);
    }
}
