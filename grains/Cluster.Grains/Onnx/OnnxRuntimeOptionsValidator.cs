using Microsoft.Extensions.Options;

namespace Cluster.Grains.Onnx;

/// <summary>Rejects negative thread and concurrency settings at start-up.</summary>
internal sealed class OnnxRuntimeOptionsValidator : IValidateOptions<OnnxRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, OnnxRuntimeOptions options)
    {
        var failures = new List<string>();
        if (options.IntraOpThreads < 0) failures.Add($"{OnnxRuntimeOptions.SectionName}:IntraOpThreads must be 0 or more.");
        if (options.InterOpThreads < 1) failures.Add($"{OnnxRuntimeOptions.SectionName}:InterOpThreads must be 1 or more.");
        if (options.CudaConcurrentExecutions < 1) failures.Add($"{OnnxRuntimeOptions.SectionName}:CudaConcurrentExecutions must be 1 or more.");
        if (options.MaxConcurrentExecutions < 0) failures.Add($"{OnnxRuntimeOptions.SectionName}:MaxConcurrentExecutions must be 0 or more.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
