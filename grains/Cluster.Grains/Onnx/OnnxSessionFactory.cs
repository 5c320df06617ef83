using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Cluster.Grains.Repository;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.Grains.Onnx;

/// <summary>
/// Creates ONNX Runtime sessions on the device a model asks for. Whether CUDA works is decided by
/// trying to append its execution provider, not by asking ONNX Runtime which providers it was built
/// with; a device whose provider failed to load is remembered so later loads fall back at once.
/// </summary>
public sealed partial class OnnxSessionFactory(IOptions<OnnxRuntimeOptions> options, ILogger<OnnxSessionFactory> logger)
{
    private readonly ConcurrentDictionary<int, string> _cudaFailures = new();

    /// <summary>
    /// Loads the model; throws <see cref="ModelLoadException"/> with the reason when it cannot.
    /// <paramref name="threads"/> (the model's own thread counts) override the silo's <see cref="OnnxRuntimeOptions"/>.
    /// </summary>
    public LoadedSession Load(string modelPath, DeviceSpec device, CudaProviderSettings? cuda = null, SessionThreadSettings? threads = null)
    {
        if (device.Kind == DeviceKind.Cpu)
            return new LoadedSession(Create(modelPath, cudaDevice: null, threads), "cpu");

        var id = device.CudaDevice;
        if (!_cudaFailures.TryGetValue(id, out var failure))
        {
            SessionOptions sessionOptions;
            try
            {
                sessionOptions = CreateOptions(threads);
                AppendCuda(sessionOptions, id, cuda);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
            {
                failure = FirstLine(ex.Message);
                _cudaFailures[id] = failure;
                LogCudaUnavailable(logger, id, failure);
                return Fallback(modelPath, device, failure, threads);
            }
            return new LoadedSession(CreateSession(modelPath, sessionOptions), new DeviceSpec(DeviceKind.Cuda, id).ToString());
        }
        return Fallback(modelPath, device, failure, threads);
    }

    private LoadedSession Fallback(string modelPath, DeviceSpec device, string failure, SessionThreadSettings? threads)
    {
        if (device.Kind == DeviceKind.Cuda)
            throw new ModelLoadException($"model requires CUDA device {device.CudaDevice} but the CUDA execution provider did not load: {failure}");
        LogFallbackToCpu(logger, Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(modelPath))) ?? modelPath);
        return new LoadedSession(Create(modelPath, cudaDevice: null, threads), "cpu");
    }

    /// <summary>The CUDA provider on device <paramref name="id"/>, with the model's options when it gives any (checked when config.json was read).</summary>
    private static void AppendCuda(SessionOptions sessionOptions, int id, CudaProviderSettings? cuda)
    {
        if (cuda is null)
        {
            sessionOptions.AppendExecutionProvider_CUDA(id);
            return;
        }
        using var providerOptions = new OrtCUDAProviderOptions();
        providerOptions.UpdateOptions(cuda.ToProviderOptions(id));
        sessionOptions.AppendExecutionProvider_CUDA(providerOptions);
    }

    private InferenceSession Create(string modelPath, int? cudaDevice, SessionThreadSettings? threads)
    {
        var sessionOptions = CreateOptions(threads);
        if (cudaDevice is { } id) sessionOptions.AppendExecutionProvider_CUDA(id);
        return CreateSession(modelPath, sessionOptions);
    }

    private static InferenceSession CreateSession(string modelPath, SessionOptions sessionOptions)
    {
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException($"ONNX Runtime could not load {Path.GetFileName(modelPath)}: {FirstLine(ex.Message)}", ex);
        }
        finally
        {
            sessionOptions.Dispose();
        }
    }

    private SessionOptions CreateOptions(SessionThreadSettings? threads)
    {
        var o = options.Value;
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads?.IntraOpThreads ?? o.IntraOpThreads,
            InterOpNumThreads = threads?.InterOpThreads ?? o.InterOpThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", o.AllowSpinning ? "1" : "0");
        sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", o.AllowSpinning ? "1" : "0");
        return sessionOptions;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "...";
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "CUDA execution provider for device {Device} did not load: {Reason}")]
    private static partial void LogCudaUnavailable(ILogger logger, int device, string reason);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Model {Model} asked for device auto; CUDA is unavailable, running on CPU")]
    private static partial void LogFallbackToCpu(ILogger logger, string model);
}
