using Cluster.Client.Tensors;
using Cluster.Ctl.CommandLine;
using Inference;

namespace Cluster.Ctl.Commands.Infer;

/// <summary>
/// <c>infer MODEL [--version V] [--input NAME:DATATYPE:SHAPE:VALUES]... [--data-json FILE] [--purpose CODE] [--output NAME]...</c>:
/// one ModelInferRequest with the inputs in <c>raw_input_contents</c> and the purpose of use as
/// request parameter <c>purpose_of_use</c>.
/// </summary>
public static class InferCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "infer",
        Summary = "Runs one inference over the KServe v2 gRPC protocol and prints the outputs.",
        Arguments = ["MODEL"],
        Options =
        [
            new OptionSpec("--version", "V", "model version (default: the server's choice, the newest ready)"),
            new OptionSpec("--input", InputArgumentParser.Format, "an input tensor, e.g. features:FP32:1,30:17.99,10.38,...") { Repeatable = true },
            new OptionSpec("--data-json", "FILE", "a KServe v2 REST request body {\"inputs\":[{name,datatype,shape,data}]}; - reads stdin"),
            new OptionSpec("--purpose", "CODE", "HL7 v3 PurposeOfUse code, sent as parameter purpose_of_use (default: the policy's)"),
            new OptionSpec("--output", "NAME", "return only this output (default: all)") { Repeatable = true },
        ],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var inputs = new List<InferInput>();
        var outputs = new List<string>();
        var parameters = new Dictionary<string, InferParameter>(StringComparer.Ordinal);
        string? id = null;
        if (args.Value("--data-json") is { } path)
        {
            var body = ReadBody(path);
            inputs.AddRange(body.Inputs);
            outputs.AddRange(body.Outputs);
            foreach (var (key, value) in body.Parameters) parameters[key] = value;
            id = body.Id;
        }
        inputs.AddRange(args.Values("--input").Select(InputArgumentParser.Parse));
        outputs.AddRange(args.Values("--output"));
        if (inputs.Count == 0) throw new UsageException("give at least one --input or --data-json");
        if (inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new UsageException($"input '{duplicate.Key}' is given more than once");
        if (outputs.Any(o => o.Length == 0)) throw new UsageException("--output needs a non-empty NAME");
        var purpose = args.Value("--purpose");
        if (purpose is { Length: 0 }) throw new UsageException("--purpose needs a non-empty code");

        var request = InferRequestBuilder.Build(args.Argument("MODEL"), args.Value("--version"), inputs, outputs.Distinct(), purpose, id, parameters);
        return new BoundCommand(request, async (client, ct) =>
        {
            var response = await client.Inference.ModelInferAsync(request, cancellationToken: ct).ResponseAsync.ConfigureAwait(false);
            return new InferResult(response, InferResponseReader.ReadOutputs(response));
        });
    }

    private static KServeJsonRequest ReadBody(string path)
    {
        string json;
        try
        {
            json = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--data-json cannot read '{path}': {e.Message}");
        }
        try
        {
            return KServeJsonRequest.Parse(json);
        }
        catch (TensorFormatException e)
        {
            throw new UsageException($"--data-json '{path}': {e.Message}");
        }
    }
}
