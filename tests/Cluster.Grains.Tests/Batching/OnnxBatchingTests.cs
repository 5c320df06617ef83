using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Cluster.Grains.Inference;
using Cluster.Grains.Inference.Batching;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Batching;

namespace Cluster.Grains.Tests.Batching;

/// <summary>Batches run on real ONNX models answer every request exactly as a run of that request alone would.</summary>
[Collection(TestModelsCollection.Name)]
public sealed class OnnxBatchingTests(TestModelsFixture models, RaggedModelsFixture ragged) : IClassFixture<RaggedModelsFixture>
{
    /// <summary>Long enough that every request a test submits joins one batch.</summary>
    private const long JoinDelayMicroseconds = 300_000;

    private static InferenceTensor Int32(string name, int rows, int width, Func<int, int> value) =>
        new(name, DataTypes.Int32, [rows, width], MemoryMarshal.AsBytes(Enumerable.Range(0, rows * width).Select(value).ToArray().AsSpan()).ToArray());

    private static InferenceTensor Int64(string name, long[][] rows)
    {
        var values = rows.SelectMany(r => r).ToArray();
        return new(name, DataTypes.Int64, [rows.Length, rows[0].Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    private static InferenceTensor Text(string name, params string[][] rows) =>
        new(name, DataTypes.Bytes, [rows.Length, rows[0].Length],
            BytesTensor.Join([.. rows.SelectMany(r => r).Select(s => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(s))]));

    private static async Task<InferenceResponse[]> RunTogether(IModelRunner runner, ShardStatisticsRecorder statistics, params InferenceRequest[] requests)
    {
        await using var batcher = Batcher(runner, Policy(maxBatchSize: runner.Model.MaxBatchSize, delayMicroseconds: JoinDelayMicroseconds), statistics);
        foreach (var r in requests) RequestValidator.Validate(runner.Model, r);
        var now = batcher.Time.GetTimestamp();
        return await Task.WhenAll(requests.Select(r => batcher.Submit(r, now)));
    }

    private static void AssertSameOutputs(InferenceTensor[] expected, InferenceTensor[] actual)
    {
        Assert.Equal(expected.Select(o => o.Name), actual.Select(o => o.Name));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].DataType, actual[i].DataType);
            Assert.Equal(expected[i].Shape, actual[i].Shape);
            Assert.Equal(expected[i].Data, actual[i].Data);
        }
    }

    [Fact]
    public async Task SimpleAnswersEveryRequestOfABatchAsItsOwnRunWould()
    {
        var runner = models.Runner("simple");
        var statistics = new ShardStatisticsRecorder();
        var requests = new[] { 1, 2, 3, 2 }.Select((rows, k) => new InferenceRequest("simple", 1,
            [Int32("INPUT0", rows, 16, i => i * (k + 1)), Int32("INPUT1", rows, 16, i => 100 * k - i)], [])).ToArray();

        var responses = await RunTogether(runner, statistics, requests);

        for (var k = 0; k < requests.Length; k++)
        {
            Assert.True(responses[k].IsOk, responses[k].Message);
            AssertSameOutputs(runner.Run(requests[k]).Outputs, responses[k].Outputs);
        }
        var s = statistics.Snapshot("cpu");
        Assert.Equal(1, s.ExecutionCount);
        Assert.Equal(8L, Assert.Single(s.Batches).BatchSize);
    }

    [Fact]
    public async Task EachRequestGetsTheOutputsItAskedForInItsOrder()
    {
        var runner = models.Runner("simple");
        InferenceRequest Asking(int k, params string[] outputs) =>
            new("simple", 1, [Int32("INPUT0", 1, 16, i => i + k), Int32("INPUT1", 1, 16, _ => k)], outputs);
        var requests = new[] { Asking(1, "OUTPUT1"), Asking(2, "OUTPUT1", "OUTPUT0"), Asking(3) };

        var responses = await RunTogether(runner, new ShardStatisticsRecorder(), requests);

        for (var k = 0; k < requests.Length; k++) AssertSameOutputs(runner.Run(requests[k]).Outputs, responses[k].Outputs);
        Assert.Equal(["OUTPUT1"], responses[0].Outputs.Select(o => o.Name));
        Assert.Equal(["OUTPUT1", "OUTPUT0"], responses[1].Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task MlpProbabilitiesMatchUnbatchedRuns()
    {
        var runner = models.Runner("mlp-fp32");
        var requests = Enumerable.Range(0, 5).Select(k => new InferenceRequest("mlp-fp32", 1, [Fp32("x", k % 3 + 1, 8, 0.25f * k - 0.5f)], [])).ToArray();

        var responses = await RunTogether(runner, new ShardStatisticsRecorder(), requests);

        for (var k = 0; k < requests.Length; k++)
        {
            var expected = runner.Run(requests[k]).Outputs[0];
            Assert.Equal(expected.Shape, responses[k].Outputs[0].Shape);
            Assert.Equal(Floats(expected), Floats(responses[k].Outputs[0]), (a, b) => Math.Abs(a - b) < 1e-6);
        }
    }

    [Fact]
    public async Task InvalidUtf8FailsOnlyTheRequestThatSentIt()
    {
        var runner = models.Runner("identity-bytes");
        InferenceRequest Texts(params byte[][] elements) =>
            new("identity-bytes", 1, [new InferenceTensor("INPUT0", DataTypes.Bytes, [1, 4], BytesTensor.Join([.. elements.Select(e => (ReadOnlyMemory<byte>)e)]))], []);
        var requests = new[] { Texts("a"u8.ToArray(), [], "bc"u8.ToArray(), "d"u8.ToArray()), Texts([0xFF], [], [], []), Texts("e"u8.ToArray(), "f"u8.ToArray(), [], []) };

        var responses = await RunTogether(runner, new ShardStatisticsRecorder(), requests);

        Assert.Equal(InferenceStatus.InvalidArgument, responses[1].Status);
        Assert.Equal("input 'INPUT0' element 0 is not valid UTF-8; ONNX string tensors hold UTF-8 text.", responses[1].Message);
        AssertSameOutputs(runner.Run(requests[0]).Outputs, responses[0].Outputs);
        AssertSameOutputs(runner.Run(requests[2]).Outputs, responses[2].Outputs);
    }

    [Fact]
    public async Task VariableLengthInputsArePaddedToTheLongestAndResultsEqualUnbatchedRuns()
    {
        var runner = ragged.Runner(RaggedModelsFixture.Sum);
        var statistics = new ShardStatisticsRecorder();
        var requests = new[]
        {
            new InferenceRequest(RaggedModelsFixture.Sum, 1, [Int64("tokens", [[1, 2, 3]])], []),
            new InferenceRequest(RaggedModelsFixture.Sum, 1, [Int64("tokens", [[10, 20, 30, 40, 50], [-1, -2, -3, -4, -5]])], []),
            new InferenceRequest(RaggedModelsFixture.Sum, 1, [Int64("tokens", [[7, 8]])], []),
        };

        var responses = await RunTogether(runner, statistics, requests);

        for (var k = 0; k < requests.Length; k++)
        {
            Assert.True(responses[k].IsOk, responses[k].Message);
            AssertSameOutputs(runner.Run(requests[k]).Outputs, responses[k].Outputs);
        }
        Assert.Equal([150L, -15L], MemoryMarshal.Cast<byte, long>(responses[1].Outputs[0].Data.Span).ToArray());
        Assert.Equal([1L, 3L], responses[0].Outputs[1].Shape);
        Assert.Equal([2L, 4L, 6L], MemoryMarshal.Cast<byte, long>(responses[0].Outputs[1].Data.Span).ToArray());
        var s = statistics.Snapshot("cpu");
        Assert.Equal(1, s.ExecutionCount);
        Assert.Equal(4L, Assert.Single(s.Batches).BatchSize);
    }

    [Fact]
    public async Task VariableLengthTextIsPaddedWithEmptyStringsAndCutBack()
    {
        var runner = ragged.Runner(RaggedModelsFixture.Text);
        var requests = new[]
        {
            new InferenceRequest(RaggedModelsFixture.Text, 1, [Text("text", ["a", "bb"])], []),
            new InferenceRequest(RaggedModelsFixture.Text, 1, [Text("text", ["c", "", "ééé"], ["x", "y", "z"])], []),
        };

        var responses = await RunTogether(runner, new ShardStatisticsRecorder(), requests);

        for (var k = 0; k < requests.Length; k++)
        {
            Assert.True(responses[k].IsOk, responses[k].Message);
            Assert.Equal(requests[k].Inputs[0].Shape, responses[k].Outputs[0].Shape);
            Assert.Equal(requests[k].Inputs[0].Data, responses[k].Outputs[0].Data);
        }
    }
}
