using System.Globalization;

namespace Cluster.BareServer.Options;

/// <summary>Parses <c>--name value</c> pairs; every refusal names the option and what it expected.</summary>
public static class BareServerOptionsParser
{
    public const string Usage = """
        usage: Cluster.BareServer --model NAME [--repository PATH] [--version V] [--port N]
                                  [--max-concurrent-runs N] [--intra-op-threads N] [--cuda-device N]

        Serves inference.GRPCInferenceService/ModelInfer (KServe v2) for one ONNX model on
        http://127.0.0.1:PORT (HTTP/2 only): one InferenceSession, each request one Run, no
        authentication, no batching. Port 0 picks a free port; the address is printed once listening.
        """;

    public static BareServerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BareServerOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (i + 1 >= args.Count) throw new ArgumentException($"'{name}' is not a known option or needs a value.");
            var value = args[i + 1];
            options = name switch
            {
                "--repository" => options with { Repository = value },
                "--model" => options with { Model = value },
                "--version" => options with { Version = value },
                "--port" => options with { Port = ParseInt(name, value, 0, 65535) },
                "--max-concurrent-runs" => options with { MaxConcurrentRuns = ParseInt(name, value, 1, 1024) },
                "--intra-op-threads" => options with { IntraOpThreads = ParseInt(name, value, 0, 1024) },
                "--cuda-device" => options with { CudaDevice = ParseInt(name, value, 0, 1023) },
                _ => throw new ArgumentException($"'{name}' is not a known option."),
            };
        }

        if (options.Model.Length == 0) throw new ArgumentException("--model is required.");
        if (!File.Exists(options.OnnxPath)) throw new ArgumentException($"--model {options.Model} --version {options.Version}: '{options.OnnxPath}' does not exist.");
        return options;
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} '{value}' must be a whole number from {min} to {max}.");
}
