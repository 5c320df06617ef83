using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Cluster.PerfAnalyzer.Options;

/// <summary>Parses and checks the command line; every refusal names the option and what it expected.</summary>
public static class PerfOptionsParser
{
    /// <summary><c>cpu</c> or <c>cuda:N</c>.</summary>
    public static string ParseDevice(string value)
    {
        if (value == "cpu") return value;
        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id is >= 0 and < 1024)
            return $"cuda:{id}";
        throw new PerfSetupException($"--baseline-device '{value}' must be cpu or cuda:N (a CUDA device number).");
    }

    private static readonly HashSet<string> Flags = ["--baseline-only", "--no-baseline", "--baseline", "--help", "-h"];

    /// <summary>Parses <paramref name="args"/>; false with a precise <paramref name="error"/> when they are wrong.</summary>
    public static bool TryParse(
        IReadOnlyList<string> args,
        [NotNullWhen(true)] out PerfOptions? options,
        [NotNullWhen(false)] out string? error)
    {
        options = null;
        try
        {
            options = Parse(args);
            error = null;
            return true;
        }
        catch (PerfSetupException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>True when the arguments ask for help.</summary>
    public static bool WantsHelp(IReadOnlyList<string> args) => args.Any(a => a is "-h" or "--help");

    private static PerfOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PerfOptions { Arguments = [.. args] };
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = Split(args, ref i);
            options = name switch
            {
                "--endpoint" => ParseGateways(options, name, value),
                "--compare-endpoint" => options with { CompareEndpoint = ParseEndpoint(name, value) },
                "--compare-key-file" => options with { CompareKeyFile = NonEmpty(name, value) },
                "--tenant-keys" => options with { TenantKeysFile = NonEmpty(name, value) },
                "--label" => options with { Label = ParseLabel(name, value) },
                "--compare-label" => options with { CompareLabel = ParseLabel(name, value) },
                "--rounds" => options with { Rounds = ParseInt(name, value, 1, PerfOptions.MaxRounds) },
                "--cpu-pid" => options with { CpuTargets = [.. options.CpuTargets, ParseCpuTarget(name, value, options.CpuTargets)] },
                "--model" => options with { Model = NonEmpty(name, value) },
                "--version" => options with { Version = ParseVersion(value) },
                "--repository" => options with { Repository = NonEmpty(name, value) },
                "--concurrency" => options with { Concurrency = ParseConcurrency(value) },
                "--batch-size" => options with { BatchSize = ParseInt(name, value, 1, int.MaxValue) },
                "--warmup-seconds" => options with { Warmup = ParseSeconds(name, value, allowZero: true) },
                "--measure-seconds" => options with { Measure = ParseSeconds(name, value, allowZero: false) },
                "--connections" => options with { Connections = ParseInt(name, value, 1, PerfOptions.MaxConnections) },
                "--request-timeout-seconds" => options with { RequestTimeout = ParseSeconds(name, value, allowZero: false) },
                "--key-file" => options with { KeyFile = NonEmpty(name, value) },
                "--purpose-of-use" => options with { PurposeOfUse = NonEmpty(name, value) },
                "--json" => options with { JsonPath = NonEmpty(name, value) },
                "--markdown" => options with { MarkdownPath = NonEmpty(name, value) },
                "--data" => options with { DataPath = NonEmpty(name, value) },
                "--seed" => options with { Seed = ParseInt(name, value, int.MinValue, int.MaxValue) },
                "--shape" => AddShape(options, shapes, value),
                "--baseline-intra-op-threads" => options with { BaselineIntraOpThreads = ParseInt(name, value, 0, 1024) },
                "--baseline-device" => options with { BaselineDevice = ParseDevice(value) },
                "--compare-model" => options with { CompareModel = NonEmpty(name, value) },
                "--generated-int-max" => options with { GeneratedIntMax = ParseInt(name, value, 1, int.MaxValue) },
                "--text" => options with { TextPath = NonEmpty(name, value) },
                "--request-rate" => options with { RequestRates = ParseRates(value) },
                "--max-outstanding" => options with { MaxOutstanding = ParseInt(name, value, 1, 65_536) },
                "--baseline-batch-sizes" => options with { BaselineBatchSizes = ParseBatchSizes(value) },
                "--baseline-batch-callers" => options with { BaselineBatchCallers = ParseInt(name, value, 1, PerfOptions.MaxConcurrency) },
                "--chart" => options with { ChartPath = NonEmpty(name, value) },
                "--baseline-only" => options with { BaselineOnly = true },
                "--no-baseline" => options with { NoBaseline = true },
                "--baseline" => options with { NoBaseline = false },
                "--help" or "-h" => options,
                _ => throw new PerfSetupException($"'{name}' is not a known option (see --help)."),
            };
        }

        if (options.Model.Length == 0) throw new PerfSetupException("--model is required.");
        return CheckCombination(options);
    }

    private static PerfOptions CheckCombination(PerfOptions o)
    {
        if (o.BaselineOnly && o.NoBaseline) throw new PerfSetupException("--baseline-only and --no-baseline together leave nothing to measure.");
        if (o.BaselineOnly && o.Compares) throw new PerfSetupException("--compare-endpoint needs the cluster; it cannot be used with --baseline-only.");
        if (o.CompareKeyFile is not null && !o.Compares) throw new PerfSetupException("--compare-key-file needs --compare-endpoint.");
        if (o.TenantKeysFile is not null && o.BaselineOnly) throw new PerfSetupException("--tenant-keys spreads the calls to the cluster; with --baseline-only there are none.");
        if (o.Compares && o.Label == o.CompareLabel)
            throw new PerfSetupException($"--label and --compare-label are both '{o.Label}'; give the two endpoints different names.");
        if (o.CompareModel is not null && !o.Compares) throw new PerfSetupException("--compare-model needs --compare-endpoint.");
        if (o.TextPath is not null && o.DataPath is not null) throw new PerfSetupException("--text and --data both give the inputs; use one.");
        if (o.FixedRate && o.Arguments.Any(a => a == "--concurrency" || a.StartsWith("--concurrency=", StringComparison.Ordinal)))
            throw new PerfSetupException("--request-rate (fixed-rate mode) and --concurrency (closed-loop mode) cannot be used together.");
        if (o.Connections > 1 && o.BaselineOnly) throw new PerfSetupException("--connections spreads the calls to the cluster; with --baseline-only there are none.");
        if (o.FixedRate && o.BaselineOnly)
            throw new PerfSetupException("--request-rate loads gRPC endpoints; with --baseline-only there is none (use --baseline-batch-sizes for the in-process sweep).");
        if (o.Compares && o.Measure.TotalSeconds / o.Rounds < 0.5)
            throw new PerfSetupException($"--measure-seconds {o.Measure.TotalSeconds:0.###} over --rounds {o.Rounds} gives windows under 0.5 s; measure longer or use fewer rounds.");
        return o;
    }

    private static (string Name, string Value) Split(IReadOnlyList<string> args, ref int i)
    {
        var arg = args[i];
        if (Flags.Contains(arg)) return (arg, "");
        if (!arg.StartsWith("--", StringComparison.Ordinal))
            throw new PerfSetupException($"'{arg}' is not an option; options start with '--' (see --help).");
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0) return (arg[..equals], arg[(equals + 1)..]);
        if (i + 1 >= args.Count) throw new PerfSetupException($"{arg} needs a value.");
        return (arg, args[++i]);
    }

    private static string NonEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new PerfSetupException($"{name} needs a non-empty value.") : value;

    private static Uri ParseEndpoint(string name, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new PerfSetupException($"{name} '{value}' is not an absolute http:// or https:// address (e.g. {PerfOptions.DefaultEndpoint}).");
        return uri;
    }

    /// <summary><c>--endpoint URI[,URI...]</c>: one gateway, or several of one scheme, each given once.</summary>
    private static PerfOptions ParseGateways(PerfOptions options, string name, string value)
    {
        var gateways = value.Split(',', StringSplitOptions.TrimEntries).Select(v => ParseEndpoint(name, v)).ToList();
        if (gateways.Count == 1) return options with { Endpoint = gateways[0], Gateways = [] };
        if (gateways.Distinct().Count() != gateways.Count) throw new PerfSetupException($"{name} '{value}' names a gateway twice.");
        if (gateways.Select(g => g.Scheme).Distinct().Count() != 1) throw new PerfSetupException($"{name} '{value}' mixes http:// and https:// gateways.");
        return options with { Endpoint = gateways[0], Gateways = gateways };
    }

    /// <summary><c>--cpu-pid NAME=PID</c>: a label (as below) not used before and not <c>load</c>, and a process whose CPU time can be read.</summary>
    private static Load.CpuTarget ParseCpuTarget(string name, string value, IReadOnlyList<Load.CpuTarget> known)
    {
        var at = value.IndexOf('=');
        if (at <= 0 || !int.TryParse(value.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
            throw new PerfSetupException($"{name} '{value}' must be NAME=PID, e.g. storage=1234.");
        var label = ParseLabel(name, value[..at]);
        if (label == "load" || known.Any(t => t.Name == label)) throw new PerfSetupException($"{name} names '{label}' twice (or 'load', which is this program).");
        if (double.IsNaN(Load.ProcessCpu.Seconds(pid))) throw new PerfSetupException($"{name} {label}={pid}: no such process's CPU time can be read (Linux /proc only).");
        return new Load.CpuTarget(label, pid);
    }

    /// <summary>A label is a report column prefix: letters, digits, '-', '_' and '.', at most 24 characters.</summary>
    private static string ParseLabel(string name, string value)
    {
        if (value.Length is 0 or > 24 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new PerfSetupException($"{name} '{value}' must be 1 to 24 letters, digits, '-', '_' or '.'.");
        return value;
    }

    private static string ParseVersion(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? value
            : throw new PerfSetupException($"--version '{value}' is not a positive whole number.");

    private static int[] ParseConcurrency(string value)
    {
        var levels = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (levels.Length == 0) throw new PerfSetupException("--concurrency needs a list such as 1,16.");
        return [.. levels.Select(level => ParseInt("--concurrency", level, 1, PerfOptions.MaxConcurrency))];
    }

    private static double[] ParseRates(string value)
    {
        var rates = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (rates.Length == 0) throw new PerfSetupException("--request-rate needs a list of requests per second such as 50,100.");
        return [.. rates.Select(rate =>
            double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && double.IsFinite(r) && r > 0 && r <= 1_000_000
                ? r
                : throw new PerfSetupException($"--request-rate '{rate}' is not a number of requests per second above 0 and at most 1000000."))];
    }

    private static int[] ParseBatchSizes(string value)
    {
        var sizes = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (sizes.Length is 0 or > PerfOptions.MaxBatchSizes)
            throw new PerfSetupException($"--baseline-batch-sizes needs 1 to {PerfOptions.MaxBatchSizes} sizes such as 1,2,4,8,16,32.");
        var parsed = sizes.Select(size => ParseInt("--baseline-batch-sizes", size, 1, 65_536)).ToArray();
        return parsed.Distinct().Count() == parsed.Length ? parsed : throw new PerfSetupException($"--baseline-batch-sizes '{value}' names a size twice.");
    }

    private static int ParseInt(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            throw new PerfSetupException($"{name} '{value}' is not a whole number.");
        if (number < min || number > max)
            throw new PerfSetupException($"{name} is {number}; it must lie between {min} and {max}.");
        return number;
    }

    private static TimeSpan ParseSeconds(string name, string value, bool allowZero)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
            throw new PerfSetupException($"{name} '{value}' is not a number of seconds.");
        if (seconds < 0 || (!allowZero && seconds == 0) || seconds > 3600)
            throw new PerfSetupException($"{name} is {value}; it must be {(allowZero ? "0" : "more than 0")} to 3600 seconds.");
        return TimeSpan.FromSeconds(seconds);
    }

    private static PerfOptions AddShape(PerfOptions options, Dictionary<string, long[]> shapes, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
            throw new PerfSetupException($"--shape '{value}' is not NAME:D1,D2,... (e.g. features:30).");
        var dims = value[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries);
        var parsed = new long[dims.Length];
        for (var d = 0; d < dims.Length; d++)
        {
            if (!long.TryParse(dims[d], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[d]) || parsed[d] < 1)
                throw new PerfSetupException($"--shape '{value}': dimension '{dims[d]}' is not a positive whole number.");
        }
        shapes[value[..colon]] = parsed;
        return options with { Shapes = shapes };
    }
}
