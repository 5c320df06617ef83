using Cluster.Grains.Onnx;

namespace Cluster.Grains.Repository;

/// <summary>
/// Checks config.json's <c>model_warmup</c> against the model's declared inputs and turns it into
/// the <see cref="WarmupSample"/>s a shard runs. Each problem is a <see cref="ModelLoadException"/>
/// naming the sample.
/// </summary>
public static class ModelWarmupCheck
{
    /// <summary>Most runs one sample may ask for (warm-up must not hold a shard back for long).</summary>
    public const int MaxCount = 100;

    public static void Check(ModelConfigFile config, List<ModelWarmupConfig> samples)
    {
        var declared = config.Input.ToDictionary(t => t.Name, StringComparer.Ordinal);
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            var label = string.IsNullOrEmpty(s.Name) ? $"model_warmup[{i}]" : $"model_warmup '{s.Name}'";
            if (s.Count < 1 || s.Count > MaxCount) throw new ModelLoadException($"{label} count is {s.Count}; it must lie between 1 and {MaxCount}.");
            if (config.MaxBatchSize > 0 && (s.BatchSize < 1 || s.BatchSize > config.MaxBatchSize))
                throw new ModelLoadException($"{label} batch_size is {s.BatchSize}; it must lie between 1 and max_batch_size {config.MaxBatchSize}.");
            if (s.Inputs.Count == 0) throw new ModelLoadException($"{label} has no inputs.");
            foreach (var (name, input) in s.Inputs)
            {
                if (declared.Count > 0 && !declared.ContainsKey(name))
                    throw new ModelLoadException($"{label} input '{name}' is not an input of the model.");
                if (input.InputDataFile is not null)
                    throw new ModelLoadException($"{label} input '{name}' uses input_data_file, which is not served; use zero_data or random_data.");
                if (input.ZeroData == input.RandomData)
                    throw new ModelLoadException($"{label} input '{name}' must set exactly one of zero_data and random_data.");
                if (OnnxTypes.FromConfigName(input.DataType) is null)
                    throw new ModelLoadException($"{label} input '{name}' has data_type '{input.DataType}', which is not served.");
                if (declared.TryGetValue(name, out var spec) && spec.DataType != input.DataType)
                    throw new ModelLoadException($"{label} input '{name}' is {input.DataType} but the model's input is {spec.DataType}.");
                if (input.Dims.Exists(d => d < 0))
                    throw new ModelLoadException($"{label} input '{name}' dims must be concrete sizes (0 or more).");
                if (declared.TryGetValue(name, out spec) && spec.Dims.Count > 0 && !Fits(spec.Dims, input.Dims))
                    throw new ModelLoadException($"{label} input '{name}' dims [{string.Join(",", input.Dims)}] do not fit the model's [{string.Join(",", spec.Dims)}].");
            }
        }
    }

    /// <summary>The samples a shard runs, shapes with the batch dimension when the model batches.</summary>
    public static WarmupSample[] Samples(ModelConfigFile config) =>
        config.ModelWarmup is not { Count: > 0 } samples
            ? []
            : [.. samples.Select((s, i) => new WarmupSample(
                string.IsNullOrEmpty(s.Name) ? $"model_warmup[{i}]" : s.Name,
                config.MaxBatchSize > 0 ? s.BatchSize : 0,
                s.Count,
                [.. s.Inputs.Select(pair => new WarmupInput(
                    pair.Key,
                    OnnxTypes.FromConfigName(pair.Value.DataType)!,
                    config.MaxBatchSize > 0 ? [s.BatchSize, .. pair.Value.Dims] : [.. pair.Value.Dims],
                    pair.Value.RandomData))]))];

    private static bool Fits(List<long> declared, List<long> dims) =>
        declared.Count == dims.Count && declared.Zip(dims).All(p => p.First == -1 || p.First == p.Second);
}
