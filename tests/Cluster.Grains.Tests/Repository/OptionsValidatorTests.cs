using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void RepositoryRootMustBeSet()
    {
        var result = new ModelRepositoryOptionsValidator().Validate(null, new ModelRepositoryOptions { Root = " " });

        Assert.True(result.Failed);
        Assert.Equal("ModelRepository:Root must name the model repository folder.", result.FailureMessage);
    }

    [Fact]
    public void RepositoryRootMustExist()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cluster-grains-tests-missing-" + Guid.NewGuid().ToString("N"));

        var result = new ModelRepositoryOptionsValidator().Validate(null, new ModelRepositoryOptions { Root = missing });

        Assert.True(result.Failed);
        Assert.Equal($"ModelRepository:Root '{missing}' is not an existing folder.", result.FailureMessage);
    }

    [Fact]
    public void AnExistingRepositoryRootIsValid()
    {
        using var repository = new TempRepository();

        Assert.True(new ModelRepositoryOptionsValidator().Validate(null, new ModelRepositoryOptions { Root = repository.Root }).Succeeded);
    }

    [Fact]
    public void DefaultOnnxRuntimeOptionsAreValid()
    {
        var options = new OnnxRuntimeOptions();

        Assert.True(new OnnxRuntimeOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(1, options.InterOpThreads);
        Assert.Equal(Environment.ProcessorCount, options.EffectiveConcurrency);
        Assert.Equal(3, new OnnxRuntimeOptions { MaxConcurrentExecutions = 3 }.EffectiveConcurrency);
    }

    [Fact]
    public void CudaShardsRunTwoBatchesAtOnceByDefaultAndCpuShardsOnePerCore()
    {
        var options = new OnnxRuntimeOptions();

        Assert.Equal(OnnxRuntimeOptions.DefaultCudaConcurrentExecutions, options.ConcurrencyFor("cuda:0"));
        Assert.Equal(2, options.ConcurrencyFor("cuda:1"));
        Assert.Equal(Environment.ProcessorCount, options.ConcurrencyFor("cpu"));
        Assert.Equal(5, new OnnxRuntimeOptions { CudaConcurrentExecutions = 5, MaxConcurrentExecutions = 3 }.ConcurrencyFor("cuda:0"));
        Assert.Equal(3, new OnnxRuntimeOptions { CudaConcurrentExecutions = 5, MaxConcurrentExecutions = 3 }.ConcurrencyFor("cpu"));
    }

    [Fact]
    public void EveryBadOnnxRuntimeSettingIsReportedByItsKey()
    {
        var options = new OnnxRuntimeOptions { IntraOpThreads = -1, InterOpThreads = 0, MaxConcurrentExecutions = -2, CudaConcurrentExecutions = 0 };

        var result = new OnnxRuntimeOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "OnnxRuntime:IntraOpThreads must be 0 or more.",
                "OnnxRuntime:InterOpThreads must be 1 or more.",
                "OnnxRuntime:CudaConcurrentExecutions must be 1 or more.",
                "OnnxRuntime:MaxConcurrentExecutions must be 0 or more.",
            ],
            result.Failures);
    }
}
