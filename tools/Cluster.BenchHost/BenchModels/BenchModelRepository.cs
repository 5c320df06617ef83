using System.Text.Json.Nodes;
using Cluster.Onnx;

namespace Cluster.BenchHost.BenchModels;

/// <summary>
/// The benchmark model repository (default <c>.local/bench/models</c>): each shipped model (a link
/// to <c>models/</c>), the generated <c>wide-mlp</c> (4 ReLU layers of 4096 x 4096, 256 MiB of
/// weights: weight-bandwidth bound), a <c>-nobatch</c> twin of the models that batch (the same
/// files with no <c>dynamic_batching</c> block, so one gateway serves batching on and off side by
/// side), <c>encoder-wide</c> (minilm's interface, a 196 KB-per-sequence output computed at memory
/// speed: bound by the serving path's cost per byte), <c>minilm-l6-v2-pref4</c> (batches capped by <c>preferred_batch_size [4]</c>)
/// and <c>minilm-l6-v2-ort-threads</c> (ONNX Runtime's own intra-op thread count instead of the shipped one).
/// </summary>
public static class BenchModelRepository
{
    public const string DefaultFolder = ".local/bench/models";
    public const string NoBatchSuffix = "-nobatch";

    /// <summary>The queue delay of a preferred-size twin whose original sets none (minilm-l6-v2 ships without dynamic batching).</summary>
    public const int DefaultPreferredDelayMicroseconds = 2000;

    /// <summary>The shipped models linked in.</summary>
    public static readonly string[] Shipped = ["breast-cancer-risk", "minilm-l6-v2", "clinical-text-embedder"];

    /// <summary>The models given a -nobatch twin (encoder-wide's is its CPU configuration: docs/performance.md).</summary>
    public static readonly string[] Twinned = [TestModels.WideMlp, "minilm-l6-v2", "clinical-text-embedder", TestModels.WideEncoder];

    /// <summary>Writes what is missing (the wide MLP takes a few seconds); returns the names it holds.</summary>
    public static IReadOnlyList<string> Write(string folder, string shippedModels)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in Shipped)
        {
            var link = Path.Combine(folder, name);
            if (!Directory.Exists(link)) Directory.CreateSymbolicLink(link, Path.GetFullPath(Path.Combine(shippedModels, name)));
        }

        if (!File.Exists(Path.Combine(folder, TestModels.WideMlp, "1", ModelRepositoryWriter.ModelFileName)))
        {
            Console.Error.WriteLine($"writing {TestModels.WideMlp} (256 MiB) into {folder}...");
            TestModels.WriteWideMlp(folder);
        }

        if (!File.Exists(Path.Combine(folder, TestModels.WideEncoder, "1", ModelRepositoryWriter.ModelFileName)))
            TestModels.WriteWideEncoder(folder);

        foreach (var name in Twinned) WriteTwin(folder, name, name + NoBatchSuffix, config => NoBatchConfig(config, name + NoBatchSuffix));
        WriteTwin(folder, "minilm-l6-v2", "minilm-l6-v2-pref4", config => PreferredBatchConfig(config, "minilm-l6-v2-pref4", 4));
        WriteTwin(folder, "minilm-l6-v2", MiniLmOrtThreads, config => OrtThreadsConfig(config, MiniLmOrtThreads));
        return [.. Shipped, TestModels.WideMlp, TestModels.WideEncoder, .. Twinned.Select(n => n + NoBatchSuffix), "minilm-l6-v2-pref4", MiniLmOrtThreads];
    }

    /// <summary>
    /// <paramref name="twinName"/>: <paramref name="name"/>'s config.json rewritten by
    /// <paramref name="rewrite"/>; every other file linked to the original's.
    /// </summary>
    public static void WriteTwin(string folder, string name, string twinName, Func<string, string> rewrite)
    {
        var source = Path.Combine(folder, name);
        var twin = Path.Combine(folder, twinName);
        Directory.CreateDirectory(twin);
        File.WriteAllText(Path.Combine(twin, ModelRepositoryWriter.ConfigFileName), rewrite(File.ReadAllText(Path.Combine(source, ModelRepositoryWriter.ConfigFileName))));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative == ModelRepositoryWriter.ConfigFileName) continue;
            var target = Path.Combine(twin, relative);
            if (File.Exists(target)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.CreateSymbolicLink(target, Path.GetFullPath(file));
        }
    }

    /// <summary>The config renamed to <paramref name="name"/> with <c>dynamic_batching</c> set to one preferred size (and the original delay, else <see cref="DefaultPreferredDelayMicroseconds"/>).</summary>
    public static string PreferredBatchConfig(string configJson, string name, int preferred)
    {
        var config = JsonNode.Parse(configJson)!.AsObject();
        config["name"] = name;
        var delay = config["dynamic_batching"]?["max_queue_delay_microseconds"]?.GetValue<int>() ?? DefaultPreferredDelayMicroseconds;
        config["dynamic_batching"] = new JsonObject
        {
            ["preferred_batch_size"] = new JsonArray(preferred),
            ["max_queue_delay_microseconds"] = delay,
        };
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>minilm-l6-v2 with ONNX Runtime's own intra-op thread count (one per core) instead of the shipped 1.</summary>
    public const string MiniLmOrtThreads = "minilm-l6-v2-ort-threads";

    /// <summary>The config renamed to <paramref name="name"/> without the thread-count parameters (the silo's options apply).</summary>
    public static string OrtThreadsConfig(string configJson, string name)
    {
        var config = JsonNode.Parse(configJson)!.AsObject();
        config["name"] = name;
        if (config["parameters"] is JsonObject parameters)
        {
            parameters.Remove("intra_op_thread_count");
            parameters.Remove("inter_op_thread_count");
            if (parameters.Count == 0) config.Remove("parameters");
        }
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The config renamed to <paramref name="name"/> with its <c>dynamic_batching</c> block removed.</summary>
    public static string NoBatchConfig(string configJson, string name)
    {
        var config = JsonNode.Parse(configJson)!.AsObject();
        config["name"] = name;
        config.Remove("dynamic_batching");
        return config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
