using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>
/// One input of a <c>model_warmup</c> sample: Triton's data type and dims (without the batch
/// dimension) and where its values come from: <c>zero_data</c> or <c>random_data</c> (a fixed
/// seed). <c>input_data_file</c> is refused: the repository holds no data files for it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class WarmupInputConfig
{
    public string DataType { get; set; } = "";
    public List<long> Dims { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ZeroData { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool RandomData { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InputDataFile { get; set; }
}
