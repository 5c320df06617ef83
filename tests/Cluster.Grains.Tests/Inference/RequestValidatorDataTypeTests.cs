using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Inference;

public sealed class RequestValidatorDataTypeTests
{
    [Theory]
    [InlineData("FLOAT32")]
    [InlineData("fp32")]
    [InlineData("")]
    [InlineData("STRING")]
    public void ValidateRefusesAnUnknownDatatypeAndNamesTheExpectedOne(string datatype) =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [1, 4]) with { DataType = datatype }),
            $"input 'INPUT0' has unknown datatype '{datatype}'; expected FP32.");

    [Fact]
    public void ValidateClipsALongUnknownDatatypeInItsMessage()
    {
        var datatype = new string('X', 200);
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [1, 4]) with { DataType = datatype }),
            $"input 'INPUT0' has unknown datatype '{new string('X', 64)}...'; expected FP32.");
    }

    [Theory]
    [InlineData(DataTypes.Int32)]
    [InlineData(DataTypes.Fp64)]
    [InlineData(DataTypes.Bytes)]
    public void ValidateRefusesAKnownDatatypeTheModelDoesNotTake(string datatype) =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [1, 4]) with { DataType = datatype }),
            $"input 'INPUT0' has datatype {datatype}; model 'identity-fp32' expects FP32.");
}
