using System.Globalization;
using Cluster.Training;

if (!TrainingOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(TrainingOptions.Usage);
    return 2;
}

var result = RiskModelTrainer.Train(CsvLoader.LoadBreastCancer(options.DataPath), options.Settings);
ModelArtifacts.Write(options.OutputFolder, result);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{RiskModelOnnx.ModelName}: held-out accuracy {result.Test.Accuracy:0.0000}, AUC {result.Test.Auc:0.0000} "
    + $"({result.Test.Rows} rows; trained on {result.Train.Rows}) -> {options.OutputFolder}"));
return 0;
