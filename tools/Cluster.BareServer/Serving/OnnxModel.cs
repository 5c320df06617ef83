using System.Text.Json;
using Cluster.BareServer.Options;
using Google.Protobuf;
using Grpc.Core;
using Inference;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Cluster.BareServer.Serving;

/// <summary>
/// One InferenceSession and what a request needs from it: each request is copied into input
/// OrtValues and run alone (at most <see cref="BareServerOptions.MaxConcurrentRuns"/> at once);
/// the RunOptions and inputs stay alive until Run returns. Returns the outputs config.json lists.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SemaphoreSlim _slots;
    private readonly string[] _outputNames;

    public OnnxModel(BareServerOptions options)
    {
        Name = options.Model;
        Version = options.Version;
        using var sessionOptions = new SessionOptions
        {
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (options.CudaDevice >= 0) sessionOptions.AppendExecutionProvider_CUDA(options.CudaDevice);
        _session = new InferenceSession(options.OnnxPath, sessionOptions);
        _slots = new SemaphoreSlim(options.MaxConcurrentRuns);
        _outputNames = ConfiguredOutputs(options.ConfigPath, _session);
    }

    public string Name { get; }

    public string Version { get; }

    public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, CancellationToken cancellationToken)
    {
        if (request.RawInputContents.Count != request.Inputs.Count)
            throw Invalid($"expected raw_input_contents for each of the {request.Inputs.Count} inputs; got {request.RawInputContents.Count}.");
        var names = new string[request.Inputs.Count];
        var values = new OrtValue[request.Inputs.Count];
        try
        {
            for (var k = 0; k < values.Length; k++)
            {
                names[k] = request.Inputs[k].Name;
                values[k] = ToOrtValue(request.Inputs[k], request.RawInputContents[k]);
            }

            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, names, values, _outputNames);
                return ToResponse(request, outputs);
            }
            catch (OnnxRuntimeException ex)
            {
                throw Invalid($"ONNX Runtime refused the request: {ex.Message}");
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            foreach (var value in values) value?.Dispose();
        }
    }

    private static OrtValue ToOrtValue(ModelInferRequest.Types.InferInputTensor input, ByteString raw)
    {
        var type = TensorCodec.ElementType(input.Datatype) ?? throw Invalid($"input '{input.Name}' datatype {input.Datatype} is not served.");
        var shape = input.Shape.ToArray();
        var expected = shape.Aggregate(1L, (product, dim) => product * dim) * TensorCodec.ElementSize(type);
        if (raw.Length != expected) throw Invalid($"input '{input.Name}' holds {raw.Length} bytes; shape and datatype need {expected}.");
        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, type, shape);
        raw.Span.CopyTo(value.GetTensorMutableRawData());
        return value;
    }

    private ModelInferResponse ToResponse(ModelInferRequest request, IDisposableReadOnlyCollection<OrtValue> outputs)
    {
        var response = new ModelInferResponse { ModelName = Name, ModelVersion = Version, Id = request.Id };
        for (var i = 0; i < _outputNames.Length; i++)
        {
            var info = outputs[i].GetTensorTypeAndShape();
            var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = _outputNames[i], Datatype = TensorCodec.Datatype(info.ElementDataType) };
            tensor.Shape.AddRange(info.Shape);
            response.Outputs.Add(tensor);
            response.RawOutputContents.Add(ByteString.CopyFrom(outputs[i].GetTensorMutableRawData()));
        }

        return response;
    }

    /// <summary>The outputs config.json names (as the cluster returns), else all of the session's.</summary>
    private static string[] ConfiguredOutputs(string configPath, InferenceSession session)
    {
        if (!File.Exists(configPath)) return [.. session.OutputNames];
        using var config = JsonDocument.Parse(File.ReadAllText(configPath));
        if (!config.RootElement.TryGetProperty("output", out var outputs)) return [.. session.OutputNames];
        return [.. outputs.EnumerateArray().Select(o => o.GetProperty("name").GetString()!).Where(session.OutputNames.Contains)];
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public void Dispose()
    {
        _session.Dispose();
        _slots.Dispose();
    }
}
