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
        string? models = null, keyFile = null, perfAnalyzer = null;
        var model = BenchHostOptions.DefaultModel;
        var version = BenchHostOptions.DefaultModelVersion;
        var compare = "governance";
        IReadOnlyList<string>? perfArguments = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == RunPerf)
            {
                perfArguments = [.. args.Skip(i + 1)];
                break;
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
                case "--compare": compare = value is "governance" or "accounting" ? value : throw new BenchSetupException($"--compare '{value}' must be governance or accounting."); break;
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
            PerfAnalyzer = perfAnalyzer ?? DefaultPerfAnalyzer(root),
            PerfArguments = perfArguments,
            Compare = compare,
        };
        return Check(options);
    }

    private static BenchHostOptions Check(BenchHostOptions o)
    {
        if (!File.Exists(Path.Combine(o.Models, o.Model, "config.json")))
            throw new BenchSetupException($"--models '{o.Models}' has no '{o.Model}/config.json'; name the repository with --models and the model with --model.");
        if (!File.Exists(Path.Combine(o.Models, o.Model, o.ModelVersion, "model.onnx")))
            throw new BenchSetupException($"--model-version {o.ModelVersion}: '{Path.Combine(o.Models, o.Model, o.ModelVersion, "model.onnx")}' does not exist.");
        if (o.PerfArguments is not null && !File.Exists(o.PerfAnalyzer))
            throw new BenchSetupException(
                $"--perf-analyzer '{o.PerfAnalyzer}' does not exist; build it first (dotnet build -c Release tools/Cluster.PerfAnalyzer) or name the dll with --perf-analyzer.");
        return o;
    }

    private static string ParseVersion(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? value
            : throw new BenchSetupException($"--model-version '{value}' is not a positive whole number.");

    /// <summary>The perf analyzer built with this host's configuration and target framework, in its own bin folder.</summary>
    private static string DefaultPerfAnalyzer(string root)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var configuration = assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new FrameworkName(assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? ".NETCoreApp,Version=v10.0");
        var tfm = $"net{framework.Version.Major}.{framework.Version.Minor}";
        return Path.Combine(root, "tools", "Cluster.PerfAnalyzer", "bin", configuration, tfm, "Cluster.PerfAnalyzer.dll");
    }
}
