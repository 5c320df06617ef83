using System.Globalization;
using System.Reflection;
using System.Runtime.Versioning;

namespace Cluster.BenchHost.Options;

/// <summary>Parses and checks the command line; every refusal names the option and what it expected.</summary>
public static class BenchHostOptionsParser
{
    public const string RunPerf = "--run-perf";

    /// <summary>True when the arguments before <c>--run-perf</c> ask for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.TakeWhile(a => a != RunPerf).Any(a => a is "-h" or "--help");

    public static BenchHostOptions Parse(IReadOnlyList<string> args, string root)
    {
        string? models = null, keyFile = null, perfAnalyzer = null, bareServer = null, compareModel = null, writeBenchModels = null;
        var extraModels = new List<string>();
        var model = BenchHostOptions.DefaultModel;
        var version = BenchHostOptions.DefaultModelVersion;
        var compare = "governance";
        int? sha256Rounds = null;
        int? timerWaits = null;
        var coHosted = false;
        int tenants = 1000, copies = 50;
        IReadOnlyList<string>? perfArguments = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == RunPerf)
            {
                perfArguments = [.. args.Skip(i + 1)];
                break;
            }
            if (name == "--co-hosted")
            {
                coHosted = true;
                continue;
            }
            if (i + 1 >= args.Count) throw new BenchSetupException($"'{name}' is not a known option or needs a value (see --help).");
            var value = args[++i];
            switch (name)
            {
                case "--models": models = Path.GetFullPath(value); break;
                case "--model": model = value; break;
                case "--model-version": version = ParseVersion(value); break;
                case "--key-file": keyFile = Path.GetFullPath(value); break;
                case "--perf-analyzer": perfAnalyzer = Path.GetFullPath(value); break;
                case "--compare": compare = BenchHostOptions.CompareModes.Contains(value) ? value : throw new BenchSetupException($"--compare '{value}' must be one of {string.Join(", ", BenchHostOptions.CompareModes)}."); break;
                case "--compare-model": compareModel = value; break;
                case "--extra-model": extraModels.Add(value); break;
                case "--tenants": tenants = ParseCount(name, value, 100_000); break;
                case "--model-copies": copies = ParseCount(name, value, 500); break;
                case "--bare-server": bareServer = Path.GetFullPath(value); break;
                case "--write-bench-models": writeBenchModels = Path.GetFullPath(value); break;
                case "--sha256-bench":
                    sha256Rounds = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds is >= 1 and <= 1000
                        ? rounds
                        : throw new BenchSetupException($"--sha256-bench '{value}' must be a number of rounds from 1 to 1000.");
                    break;
                case "--timer-bench":
                    timerWaits = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var waits) && waits is >= 10 and <= 100_000
                        ? waits
                        : throw new BenchSetupException($"--timer-bench '{value}' must be a number of waits from 10 to 100000.");
                    break;
                default: throw new BenchSetupException($"'{name}' is not a known option (see --help).");
            }
        }

        var options = new BenchHostOptions
        {
            Root = root,
            Models = models ?? Path.Combine(root, BenchHostOptions.DefaultModelsFolder),
            Model = model,
            ModelVersion = version,
            KeyFile = keyFile ?? Path.Combine(root, BenchHostOptions.DefaultKeyFile),
            PerfAnalyzer = perfAnalyzer ?? DefaultToolDll(root, "Cluster.PerfAnalyzer"),
            BareServer = bareServer ?? DefaultToolDll(root, "Cluster.BareServer"),
            CompareModel = compareModel,
            ExtraModels = extraModels,
            WriteBenchModels = writeBenchModels,
            Sha256Rounds = sha256Rounds,
            TimerWaits = timerWaits,
            PerfArguments = perfArguments,
            Compare = compare,
            CoHosted = coHosted,
            Tenants = tenants,
            ModelCopies = copies,
        };
        return Check(options);
    }

    private static int ParseCount(string name, string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max
            ? n
            : throw new BenchSetupException($"{name} '{value}' must be a whole number from 1 to {max}.");

    private static BenchHostOptions Check(BenchHostOptions o)
    {
        if (o.WriteBenchModels is not null || o.Sha256Rounds is not null || o.TimerWaits is not null) return o;
        if ((o.Compare == "batching") != (o.CompareModel is not null))
            throw new BenchSetupException("--compare batching and --compare-model go together: name the second model entry (e.g. wide-mlp-nobatch).");
        foreach (var extra in o.ServedModels.Skip(1).Where(m => !File.Exists(Path.Combine(o.Models, m, "config.json"))))
            throw new BenchSetupException($"--models '{o.Models}' has no '{extra}/config.json' (named by --compare-model or --extra-model).");
        if (o.Compare == "bare" && o.PerfArguments is not null && !File.Exists(o.BareServer))
            throw new BenchSetupException($"--bare-server '{o.BareServer}' does not exist; build it (dotnet build -c Release tools/Cluster.BenchHost builds it too) or name the dll.");
        if (!File.Exists(Path.Combine(o.Models, o.Model, "config.json")))
            throw new BenchSetupException($"--models '{o.Models}' has no '{o.Model}/config.json'; name the repository with --models and the model with --model.");
        // A version folder, with a model.onnx unless the model is a pipeline (whose folder holds none).
        if (!Directory.Exists(Path.Combine(o.Models, o.Model, o.ModelVersion)))
            throw new BenchSetupException($"--model-version {o.ModelVersion}: '{Path.Combine(o.Models, o.Model, o.ModelVersion)}' does not exist.");
        if (o.PerfArguments is not null && !File.Exists(o.PerfAnalyzer))
            throw new BenchSetupException(
                $"--perf-analyzer '{o.PerfAnalyzer}' does not exist; build it first (dotnet build -c Release tools/Cluster.PerfAnalyzer) or name the dll with --perf-analyzer.");
        return o;
    }

    private static string ParseVersion(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? value
            : throw new BenchSetupException($"--model-version '{value}' is not a positive whole number.");

    /// <summary>A tool built with this host's configuration and target framework, in its own bin folder.</summary>
    private static string DefaultToolDll(string root, string tool)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var configuration = assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new FrameworkName(assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? ".NETCoreApp,Version=v10.0");
        var tfm = $"net{framework.Version.Major}.{framework.Version.Minor}";
        return Path.Combine(root, "tools", tool, "bin", configuration, tfm, tool + ".dll");
    }
}
