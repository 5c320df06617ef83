namespace Cluster.Training;

/// <summary>Split, standardize, fit, evaluate: the whole training recipe.</summary>
public static class RiskModelTrainer
{
    public static TrainingResult Train(DataSet data, TrainingSettings settings)
    {
        var (trainRows, testRows) = StratifiedSplit.Split(data.Labels, settings.TestFraction, settings.Seed);
        var train = data.Subset(trainRows);
        var test = data.Subset(testRows);

        var standardizer = Standardizer.Fit(train);
        var regression = LogisticRegression.Fit([.. train.Features.Select(standardizer.Transform)], train.Labels, settings.L2);
        var model = new RiskModel(standardizer, regression, settings.Threshold);

        return new TrainingResult(
            model,
            Test: Evaluate(model, test),
            Train: Evaluate(model, train),
            settings,
            regression.Iterations);
    }

    public static BinaryMetrics Evaluate(RiskModel model, DataSet data) =>
        BinaryMetrics.Compute([.. data.Features.Select(row => model.PredictProbability(row))], data.Labels, model.Threshold);
}
