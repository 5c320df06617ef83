using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cluster.Training;

/// <summary>The command line: <c>--data CSV --out MODEL_FOLDER [--seed N] [--l2 X] [--threshold P]</c>.</summary>
public sealed record TrainingOptions(string DataPath, string OutputFolder, TrainingSettings Settings)
{
    public const string Usage =
        "usage: Cluster.Training --data <breast_cancer.csv> --out <repository>/breast-cancer-risk [--seed N] [--l2 X] [--threshold P]";

    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out TrainingOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        error = null;
        string? data = null, output = null;
        var settings = new TrainingSettings();
        for (var i = 0; i < args.Count; i++)
        {
            if (i + 1 >= args.Count)
                return Fail($"'{args[i]}' needs a value.", out error);
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--data": data = value; break;
                case "--out": output = value; break;
                case "--seed" when int.TryParse(value, CultureInfo.InvariantCulture, out var seed):
                    settings = settings with { Seed = seed };
                    break;
                case "--l2" when double.TryParse(value, CultureInfo.InvariantCulture, out var l2) && l2 > 0:
                    settings = settings with { L2 = l2 };
                    break;
                case "--threshold" when float.TryParse(value, CultureInfo.InvariantCulture, out var threshold) && threshold is > 0 and < 1:
                    settings = settings with { Threshold = threshold };
                    break;
                default:
                    return Fail($"'{args[i - 1]} {value}' is not a known option with a valid value.", out error);
            }
        }

        if (data is null || output is null)
            return Fail("--data and --out are required.", out error);
        options = new TrainingOptions(data, output, settings);
        return true;
    }

    private static bool Fail(string message, [NotNullWhen(false)] out string? error)
    {
        error = message;
        return false;
    }
}
