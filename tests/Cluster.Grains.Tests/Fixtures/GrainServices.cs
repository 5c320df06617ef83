using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>The repository services wired by hand, as the silo's container would wire them.</summary>
public static class GrainServices
{
    /// <summary>One intra-op thread per session keeps the suite light on a small machine.</summary>
    public static OnnxSessionFactory SessionFactory() =>
        new(Options.Create(new OnnxRuntimeOptions { IntraOpThreads = 1 }), NullLogger<OnnxSessionFactory>.Instance);

    public static ModelVersionLoader Loader() => new(SessionFactory());

    /// <summary>A scanner of <paramref name="root"/> on <paramref name="time"/> (the system clock by default).</summary>
    public static ModelRepositoryScanner Scanner(string root, TimeProvider? time = null) =>
        new(Options.Create(new ModelRepositoryOptions { Root = root }), Loader(), time ?? TimeProvider.System, NullLogger<ModelRepositoryScanner>.Instance);

    public static RepositorySnapshot Scan(string root) => Scanner(root).Scan(generation: 1);
}
