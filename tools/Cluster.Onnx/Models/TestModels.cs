namespace Cluster.Onnx;

/// <summary>
/// The models the serving tests load, written into a Triton-style repository. Every model takes a
/// dynamic first dimension named <see cref="BatchDim"/>; weights come from a fixed seed, so the
/// bytes are the same on every run.
/// </summary>
public static class TestModels
{
    /// <summary>The symbolic name of every test model's first (batch) dimension.</summary>
    public const string BatchDim = "batch";

    /// <summary>The seed of every random weight.</summary>
    public const int WeightSeed = 20_170_602;

    /// <summary>Triton's <c>simple</c> add/sub model.</summary>
    public const string Simple = "simple";

    /// <summary>The small softmax classifier.</summary>
    public const string Mlp = "mlp-fp32";

    /// <summary>The large model written only by <see cref="WriteWideMlp"/>.</summary>
    public const string WideMlp = "wide-mlp";

    /// <summary>The large-payload encoder stand-in written only by <see cref="WriteWideEncoder"/>.</summary>
    public const string WideEncoder = "encoder-wide";

    /// <summary>The identity model for a datatype, e.g. <c>identity-fp32</c>, <c>identity-bytes</c>.</summary>
    public static string IdentityName(TritonDataType dataType) => IdentityModel.Name(dataType);

    /// <summary>The names <see cref="WriteAll"/> writes.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. TritonDataType.All.Select(IdentityModel.Name), Simple, Mlp];

    /// <summary>Writes every identity model, <c>simple</c> and <c>mlp-fp32</c> (a few KiB in all); returns their names.</summary>
    public static IReadOnlyList<string> WriteAll(string repositoryRoot)
    {
        foreach (var dataType in TritonDataType.All)
            ModelRepositoryWriter.Write(repositoryRoot, IdentityModel.Config(dataType), IdentityModel.Build(dataType));
        ModelRepositoryWriter.Write(repositoryRoot, SimpleModel.Config(), SimpleModel.Build());
        ModelRepositoryWriter.Write(repositoryRoot, MlpModel.Config(), MlpModel.Build());
        return Names;
    }

    /// <summary>
    /// Writes <c>wide-mlp</c>: <paramref name="layers"/> ReLU layers of
    /// <paramref name="width"/> x <paramref name="width"/> (256 MiB at the defaults); returns its folder.
    /// </summary>
    public static string WriteWideMlp(string repositoryRoot, int width = WideMlpModel.DefaultWidth, int layers = WideMlpModel.DefaultLayers) =>
        ModelRepositoryWriter.Write(repositoryRoot, WideMlpModel.Config(width), WideMlpModel.Build(width, layers));

    /// <summary>
    /// Writes <c>encoder-wide</c>: minilm-l6-v2's inputs, a [batch, seq, 384] FP32 output computed at
    /// memory speed (dynamic batching, max batch size 256, KIND_AUTO); returns its folder.
    /// </summary>
    public static string WriteWideEncoder(string repositoryRoot) =>
        ModelRepositoryWriter.Write(repositoryRoot, WideEncoderModel.Config(), WideEncoderModel.Build());

    public static ModelProto BuildWideEncoder() => WideEncoderModel.Build();

    /// <summary>The config.json <see cref="WriteWideMlp"/> writes (dynamic batching, max batch size 16), for variants.</summary>
    public static ModelConfig WideMlpConfig(int width = WideMlpModel.DefaultWidth) => WideMlpModel.Config(width);

    public static ModelProto BuildIdentity(TritonDataType dataType) => IdentityModel.Build(dataType);

    public static ModelProto BuildSimple() => SimpleModel.Build();

    public static ModelProto BuildMlp() => MlpModel.Build();

    /// <summary>The config.json <see cref="Mlp"/> is written with, for variants (another name, another queue delay).</summary>
    public static ModelConfig MlpConfig() => MlpModel.Config();

    public static ModelProto BuildWideMlp(int width = WideMlpModel.DefaultWidth, int layers = WideMlpModel.DefaultLayers) =>
        WideMlpModel.Build(width, layers);
}
