using Cluster.PerfAnalyzer.Options;
using Cluster.PerfAnalyzer.Repository;
using Inference;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>
/// The request tensors of a run, built once from config.json and either a CSV of feature rows or a
/// seeded generator. Every caller, cluster and baseline alike, cycles through the same samples.
/// </summary>
public sealed class ModelInputs
{
    /// <summary>Distinct generated samples per run.</summary>
    public const int GeneratedSamples = 16;

    /// <summary>Most samples taken from a CSV; later rows are not used.</summary>
    public const int MaxCsvSamples = 1024;

    private ModelInputs(IReadOnlyList<InputSpec> specs, IReadOnlyList<InputSample> samples, int rowsPerRequest, string source)
    {
        Specs = specs;
        Samples = samples;
        RowsPerRequest = rowsPerRequest;
        Source = source;
    }

    public IReadOnlyList<InputSpec> Specs { get; }

    public IReadOnlyList<InputSample> Samples { get; }

    /// <summary>Inferences per request: the batch size when the model batches, else 1.</summary>
    public int RowsPerRequest { get; }

    /// <summary>Where the values came from, for the report (never the values themselves).</summary>
    public string Source { get; }

    public static ModelInputs Build(ModelArtifact model, PerfOptions options)
    {
        var config = model.Config;
        if (config.Input.Count == 0) throw new PerfSetupException($"'{model.Name}' config.json lists no inputs.");
        var batches = config.MaxBatchSize > 0;
        if (batches && options.BatchSize > config.MaxBatchSize)
            throw new PerfSetupException($"--batch-size {options.BatchSize} exceeds '{model.Name}' max_batch_size {config.MaxBatchSize}.");
        if (!batches && options.BatchSize != 1)
            throw new PerfSetupException($"'{model.Name}' does not batch (max_batch_size 0); --batch-size must be 1.");
        foreach (var name in options.Shapes.Keys.Where(n => config.Input.All(i => i.Name != n)))
            throw new PerfSetupException($"--shape names '{name}', which is not an input of '{model.Name}'.");

        var rows = batches ? options.BatchSize : 1;
        var specs = config.Input.Select(input => ToSpec(input, options, batches ? rows : null)).ToList();
        if (options.TextPath is { } text) return FromText(specs, rows, text);
        if (specs.Any(spec => spec.DataType == DataType.TypeString))
            throw new PerfSetupException($"'{model.Name}' takes BYTES (TYPE_STRING) input; give its text with --text FILE (one line per row).");
        return options.DataPath is { } path
            ? FromCsv(specs, rows, path)
            : Generate(specs, rows, options.Seed, options.GeneratedIntMax);
    }

    private static InputSpec ToSpec(ModelInput input, PerfOptions options, int? batch)
    {
        if (!TensorDataTypes.IsSupported(input.DataType))
            throw new PerfSetupException($"input '{input.Name}' is {input.DataType}; only fixed-size numeric and boolean inputs can be sent.");
        var dims = input.Dims.ToArray();
        if (options.Shapes.TryGetValue(input.Name, out var given))
        {
            if (given.Length != dims.Length)
                throw new PerfSetupException($"--shape for '{input.Name}' has {given.Length} dimensions; config.json gives {dims.Length}.");
            for (var d = 0; d < dims.Length; d++)
            {
                if (dims[d] >= 0 && dims[d] != given[d])
                    throw new PerfSetupException($"--shape for '{input.Name}' sets dimension {d} to {given[d]}; config.json fixes it at {dims[d]}.");
            }

            dims = given;
        }
        else if (dims.Any(d => d < 0))
        {
            throw new PerfSetupException($"input '{input.Name}' has a variable dimension ({string.Join(",", dims)}); give it with --shape {input.Name}:D1,D2,...");
        }

        long[] shape = batch is { } rows ? [rows, .. dims] : dims;
        return new InputSpec(input.Name, input.DataType, shape);
    }

    private static ModelInputs FromText(List<InputSpec> specs, int rows, string path)
    {
        if (specs is not [{ DataType: DataType.TypeString } spec])
            throw new PerfSetupException($"--text fills a model whose one input is BYTES; this one has {specs.Count} input(s) ({string.Join(", ", specs.Select(s => s.WireDatatype))}).");
        var lines = TextLines.Read(path);
        var perRow = spec.ElementCount / rows;
        var count = Math.Min(MaxCsvSamples, (lines.Count + rows - 1) / rows);
        var samples = new List<InputSample>(count);
        for (var s = 0; s < count; s++)
        {
            var first = s * rows * perRow;
            samples.Add(new InputSample([new BytesTensorBuffer([.. Enumerable.Range(0, spec.ElementCount).Select(i => lines[(first + i) % lines.Count])])]));
        }

        return new ModelInputs(specs, samples, rows, $"{Path.GetFileName(path)} ({lines.Count} lines)");
    }

    private static ModelInputs Generate(List<InputSpec> specs, int rows, int seed, int intMax)
    {
        var random = new Random(seed);
        var samples = new List<InputSample>(GeneratedSamples);
        for (var s = 0; s < GeneratedSamples; s++)
        {
            samples.Add(new InputSample([.. specs.Select(spec =>
                TensorDataTypes.Create(spec.DataType, spec.ElementCount, _ => TensorDataTypes.NextValue(spec.DataType, random, intMax)))]));
        }

        return new ModelInputs(specs, samples, rows, $"generated (seed {seed})");
    }

    private static ModelInputs FromCsv(List<InputSpec> specs, int rows, string path)
    {
        if (specs is not [var spec])
            throw new PerfSetupException($"--data fills a model with one input; this one has {specs.Count}.");
        var perRow = spec.ElementCount / rows;
        var table = CsvFeatureRows.Read(path, perRow);
        var count = Math.Min(MaxCsvSamples, (table.Count + rows - 1) / rows);
        var samples = new List<InputSample>(count);
        for (var s = 0; s < count; s++)
        {
            var first = s * rows;
            samples.Add(new InputSample([TensorDataTypes.Create(spec.DataType, spec.ElementCount,
                i => table[(first + (i / perRow)) % table.Count][i % perRow])]));
        }

        return new ModelInputs(specs, samples, rows, $"{Path.GetFileName(path)} ({table.Count} rows, {perRow} features)");
    }
}
