using System.Text;
using Google.Protobuf;
using Inference;

namespace Cluster.IntegrationTests.Fuzzing;

/// <summary>
/// Mutated ModelInferRequests and REST bodies, each built from one seed (so a failure names the
/// seed that rebuilds it): names, versions, ids, datatypes, shapes, raw sizes, typed contents,
/// requested outputs and parameters drawn from edge values; and byte-level damage to the encoded
/// message (flipped bytes, truncation, invalid UTF-8 spliced in).
/// </summary>
internal static class FuzzedRequests
{
    private static readonly string[] Models = ["identity-fp32", "identity-fp32", "identity-fp32", "identity-bytes", "identity-int8", "identity-fp16", "identity-bf16", "no-such-model", "", new string('m', 300)];
    private static readonly string[] Versions = ["", "", "", "1", "2", "0", "-1", "abc", "99999999999999999999", " 1"];
    private static readonly string[] Datatypes = ["FP32", "BYTES", "INT8", "FP16", "BF16", "UINT64", "BOOL", "fp32", "", "FP8", "STRING", "\u00e9"];
    private static readonly long[] Dims = [-5, -1, 0, 1, 2, 3, 4, 8, 9, 1 << 20, int.MaxValue, long.MaxValue];
    private static readonly string[] Names = ["INPUT0", "OUTPUT0", "INPUT1", "", "input0", "\u00e9\u00e9", new string('n', 200)];

    public static ModelInferRequest Structured(int seed)
    {
        var r = new Random(seed);
        var request = new ModelInferRequest
        {
            ModelName = Pick(r, Models),
            ModelVersion = Pick(r, Versions),
            Id = r.Next(4) == 0 ? RandomText(r, r.Next(0, 40)) : "fuzz-" + seed,
        };
        var inputs = r.Next(10) switch { 0 => 0, < 8 => 1, _ => r.Next(2, 4) };
        var raw = r.Next(3) != 0;
        for (var i = 0; i < inputs; i++)
        {
            var datatype = r.Next(2) == 0 ? ModelDatatype(request.ModelName) : Pick(r, Datatypes);
            var shape = RandomShape(r);
            var input = new ModelInferRequest.Types.InferInputTensor { Name = r.Next(4) == 0 ? Pick(r, Names) : "INPUT0", Datatype = datatype };
            input.Shape.AddRange(shape);
            if (raw) request.RawInputContents.Add(ByteString.CopyFrom(RandomBytes(r, RawLength(r, datatype, shape))));
            else input.Contents = RandomContents(r, shape);
            if (raw && r.Next(20) == 0) input.Contents = RandomContents(r, shape); // both forms
            request.Inputs.Add(input);
        }
        if (raw && r.Next(10) == 0) request.RawInputContents.Add(ByteString.CopyFrom(RandomBytes(r, r.Next(0, 16)))); // one too many
        for (var i = r.Next(5) == 0 ? r.Next(1, 4) : 0; i > 0; i--)
            request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = Pick(r, Names) });
        if (r.Next(4) == 0) request.Parameters["priority"] = RandomParameter(r);
        if (r.Next(4) == 0) request.Parameters["timeout"] = RandomParameter(r);
        if (r.Next(4) == 0) request.Parameters["purpose_of_use"] = r.Next(2) == 0 ? new InferParameter { StringParam = Pick(r, ["TREAT", "HRESCH", "ETREAT", "", "treat"]) } : RandomParameter(r);
        return request;
    }

    /// <summary>The structured request's bytes, damaged.</summary>
    public static byte[] Damaged(int seed)
    {
        var r = new Random(seed ^ 0x5bd1e995);
        var bytes = Structured(seed).ToByteArray().ToList();
        switch (r.Next(4))
        {
            case 0 when bytes.Count > 0:
                for (var i = r.Next(1, 4); i > 0; i--) bytes[r.Next(bytes.Count)] = (byte)r.Next(256);
                break;
            case 1 when bytes.Count > 0:
                bytes.RemoveRange(r.Next(bytes.Count), bytes.Count - r.Next(bytes.Count) > 0 ? 1 : 0);
                bytes = bytes.Take(r.Next(bytes.Count + 1)).ToList();
                break;
            case 2:
                // model_name (field 1) holding bytes that are not UTF-8, in front of the rest.
                bytes.InsertRange(0, [0x0A, 0x03, 0xC3, 0x28, (byte)r.Next(0x80, 0x100)]);
                break;
            default:
                bytes.InsertRange(r.Next(bytes.Count + 1), RandomBytes(r, r.Next(1, 12)));
                break;
        }
        return [.. bytes];
    }

    /// <summary>A KServe v2 JSON body: the structured request as JSON, with JSON-only damage (lone surrogates, deep nesting, wrong kinds, huge numbers).</summary>
    public static string Json(int seed)
    {
        var r = new Random(seed ^ 0x1f3d5b79);
        var request = Structured(seed);
        var json = new StringBuilder("{");
        json.Append("\"id\":").Append(r.Next(8) == 0 ? "\"\\ud800x\"" : JsonString(request.Id)).Append(',');
        json.Append("\"inputs\":[");
        foreach (var (input, index) in request.Inputs.Select((x, i) => (x, i)))
        {
            if (index > 0) json.Append(',');
            json.Append("{\"name\":").Append(r.Next(10) == 0 ? "\"IN\\udc00\"" : JsonString(input.Name))
                .Append(",\"datatype\":").Append(r.Next(15) == 0 ? "7" : JsonString(input.Datatype))
                .Append(",\"shape\":[").Append(string.Join(',', input.Shape)).Append(']')
                .Append(",\"data\":").Append(JsonData(r, input)).Append('}');
        }
        json.Append(']');
        if (r.Next(6) == 0) json.Append(",\"outputs\":").Append(r.Next(2) == 0 ? "[{\"name\":\"OUTPUT0\"},{\"name\":5}]" : "{}");
        if (r.Next(6) == 0) json.Append(",\"parameters\":{\"priority\":").Append(Pick(r, ["1", "-3", "1e400", "\"high\"", "null", "18446744073709551616"])).Append('}');
        if (r.Next(6) == 0) json.Append(",\"parameters\":{\"purpose_of_use\":").Append(Pick(r, ["\"TREAT\"", "3", "\"\\ud800\"", "[]"])).Append('}');
        json.Append('}');
        var text = json.ToString();
        return r.Next(12) switch
        {
            0 => text[..r.Next(text.Length)],
            1 => new string('[', 200) + new string(']', 200),
            _ => text,
        };
    }

    public static int Pick(Random r, int[] values) => values[r.Next(values.Length)];

    private static string ModelDatatype(string model) => model.StartsWith("identity-", StringComparison.Ordinal) ? model["identity-".Length..].ToUpperInvariant() : "FP32";

    private static string JsonData(Random r, ModelInferRequest.Types.InferInputTensor input)
    {
        var count = Math.Max(0, Elements([.. input.Shape], 64) + (r.Next(3) == 0 ? r.Next(-1, 2) : 0));
        if (r.Next(2) == 0) // well-formed numbers, so the call gets as far as the model
            return "[" + string.Join(',', Enumerable.Range(0, count).Select(_ => r.Next(-100, 100).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        var values = Enumerable.Range(0, count).Select(_ => r.Next(9) switch
        {
            0 => "\"x\"",
            1 => "true",
            2 => "1e400",
            3 => "-129",
            4 => "null",
            5 => "[1,[2]]",
            6 => "\"\\ud800\"",
            _ => (r.NextDouble() * 200 - 100).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        });
        return "[" + string.Join(',', values) + "]";
    }

    private static string Pick(Random r, string[] values) => values[r.Next(values.Length)];

    /// <summary>Elements of <paramref name="shape"/>, saturating at <paramref name="cap"/> (0 for a non-positive dimension).</summary>
    private static int Elements(long[] shape, int cap)
    {
        long elements = 1;
        foreach (var d in shape)
        {
            if (d <= 0) return 0;
            elements = Math.Min(cap, elements * Math.Min(d, cap));
        }
        return (int)elements;
    }

    private static long[] RandomShape(Random r) => r.Next(6) switch
    {
        0 => [],
        1 => [Dims[r.Next(Dims.Length)]],
        < 5 => [1, 4],
        _ => Enumerable.Range(0, r.Next(2, 6)).Select(_ => Dims[r.Next(Dims.Length)]).ToArray(),
    };

    private static int RawLength(Random r, string datatype, long[] shape)
    {
        var size = datatype switch { "FP32" or "INT32" => 4, "FP16" or "BF16" => 2, "UINT64" => 8, "INT8" or "BOOL" => 1, _ => 4 };
        var elements = Elements(shape, 1024);
        var exact = (int)Math.Min(elements * size, 4096);
        return r.Next(3) switch { 0 => exact, 1 => Math.Max(0, exact + r.Next(-3, 4)), _ => r.Next(0, 64) };
    }

    private static InferTensorContents RandomContents(Random r, long[] shape)
    {
        var c = new InferTensorContents();
        var count = Elements(shape, 64) + r.Next(-1, 2);
        for (var i = 0; i < Math.Max(0, count); i++)
        {
            switch (r.Next(6))
            {
                case 0: c.Fp32Contents.Add((float)(r.NextDouble() * 10)); break;
                case 1: c.IntContents.Add(r.Next(int.MinValue, int.MaxValue)); break;
                case 2: c.BytesContents.Add(ByteString.CopyFrom(RandomBytes(r, r.Next(0, 8)))); break;
                case 3: c.BoolContents.Add(r.Next(2) == 0); break;
                case 4: c.Uint64Contents.Add((ulong)r.NextInt64()); break;
                default: c.Fp64Contents.Add(r.NextDouble()); break;
            }
        }
        return c;
    }

    private static InferParameter RandomParameter(Random r) => r.Next(5) switch
    {
        0 => new InferParameter { Int64Param = r.Next(-5, 6) },
        1 => new InferParameter { Uint64Param = ulong.MaxValue },
        2 => new InferParameter { BoolParam = true },
        3 => new InferParameter { StringParam = "soon" },
        _ => new InferParameter { Int64Param = long.MaxValue },
    };

    private static byte[] RandomBytes(Random r, int length)
    {
        var bytes = new byte[length];
        r.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random r, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)r.Next(0x20, 0x3000)).Where(ch => !char.IsSurrogate(ch)).ToArray());

    private static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
