namespace Cluster.Training;

/// <summary>Discrimination and confusion-matrix figures of a binary classifier on labelled rows.</summary>
public sealed record BinaryMetrics(
    int Rows,
    int Positives,
    int Negatives,
    int TruePositives,
    int FalsePositives,
    int TrueNegatives,
    int FalseNegatives,
    double Accuracy,
    double Auc,
    double Sensitivity,
    double Specificity)
{
    public static BinaryMetrics Compute(IReadOnlyList<double> probabilities, IReadOnlyList<int> labels, double threshold)
    {
        if (probabilities.Count != labels.Count)
            throw new ArgumentException($"{probabilities.Count} predictions but {labels.Count} labels.", nameof(labels));

        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var flagged = probabilities[i] >= threshold;
            switch (flagged, labels[i] == 1)
            {
                case (true, true): tp++; break;
                case (true, false): fp++; break;
                case (false, false): tn++; break;
                case (false, true): fn++; break;
            }
        }

        return new BinaryMetrics(
            Rows: labels.Count,
            Positives: tp + fn,
            Negatives: tn + fp,
            TruePositives: tp,
            FalsePositives: fp,
            TrueNegatives: tn,
            FalseNegatives: fn,
            Accuracy: Ratio(tp + tn, labels.Count),
            Auc: RocAuc(probabilities, labels),
            Sensitivity: Ratio(tp, tp + fn),
            Specificity: Ratio(tn, tn + fp));
    }

    /// <summary>
    /// The area under the ROC curve as the Mann-Whitney U statistic: the chance that a random
    /// positive scores above a random negative, ties counting one half (through average ranks).
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
                end++;
            var averageRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (var k = start; k <= end; k++)
                ranks[order[k]] = averageRank;
            start = end + 1;
        }

        var positives = labels.Count(label => label == 1);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
            return double.NaN;

        var positiveRankSum = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 1).Sum(i => ranks[i]);
        var u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double)positives * negatives);
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? double.NaN : (double)numerator / denominator;
}
