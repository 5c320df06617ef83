using System.Buffers.Binary;
using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Inference;

public sealed class RequestValidatorByteSizeTests
{
    [Fact]
    public void ValidateRefusesTooFewBytesForAFixedSizeDatatype() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [2, 4], count: 7)),
            "input 'INPUT0' has 28 bytes of data; shape [2,4] of FP32 needs 32 bytes.");

    [Fact]
    public void ValidateRefusesTooManyBytesForAFixedSizeDatatype() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [1, 4], count: 5)),
            "input 'INPUT0' has 20 bytes of data; shape [1,4] of FP32 needs 16 bytes.");

    [Fact]
    public void ValidateRefusesARaggedByteCount() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [1, 4]) with { Data = new byte[15] }),
            "input 'INPUT0' has 15 bytes of data; shape [1,4] of FP32 needs 16 bytes.");

    [Fact]
    public void ValidateRefusesBytesDataWithATruncatedLengthPrefix()
    {
        var data = Strings("INPUT0", [1, 4], "a", "b", "c", "d").Data.ToArray();
        Invalid.Refused(
            Contracts.IdentityBytes,
            Request("identity-bytes", new InferenceTensor("INPUT0", DataTypes.Bytes, [1, 4], (byte[])[.. data, 1, 0])),
            "input 'INPUT0' BYTES data is malformed: each element must be a 4-byte little-endian length followed by that many bytes.");
    }

    [Fact]
    public void ValidateRefusesBytesDataWhoseLengthRunsPastTheEnd()
    {
        var data = Strings("INPUT0", [1, 4], "a", "b", "c", "12345").Data.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(15), 6);
        Invalid.Refused(
            Contracts.IdentityBytes,
            Request("identity-bytes", new InferenceTensor("INPUT0", DataTypes.Bytes, [1, 4], data)),
            "input 'INPUT0' BYTES data is malformed: each element must be a 4-byte little-endian length followed by that many bytes.");
    }

    [Fact]
    public void ValidateRefusesTooFewBytesElements() =>
        Invalid.Refused(
            Contracts.IdentityBytes,
            Request("identity-bytes", Strings("INPUT0", [1, 4], "12345", "b", "c")),
            "input 'INPUT0' has 3 BYTES elements; shape [1,4] needs 4.");

    [Fact]
    public void ValidateRefusesTooManyBytesElements() =>
        Invalid.Refused(
            Contracts.IdentityBytes,
            Request("identity-bytes", Strings("INPUT0", [1, 4], "a", "b", "c", "d", "12345")),
            "input 'INPUT0' has 5 BYTES elements; shape [1,4] needs 4.");

    [Fact]
    public void ValidateCountsEmptyBytesElements() =>
        RequestValidator.Validate(Contracts.IdentityBytes, Request("identity-bytes", Strings("INPUT0", [2, 4], "", "", "", "", "", "", "", "")));
}
