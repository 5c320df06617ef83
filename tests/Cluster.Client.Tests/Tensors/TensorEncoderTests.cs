using Cluster.Client.Tensors;

namespace Cluster.Client.Tests.Tensors;

public sealed class TensorEncoderTests
{
    public static TheoryData<string, string[], byte[]> EveryDatatype => new()
    {
        { "BOOL", ["true", "false", "1", "0", "TRUE"], [1, 0, 1, 0, 1] },
        { "UINT8", ["0", "255"], [0x00, 0xFF] },
        { "UINT16", ["1", "65535"], [0x01, 0x00, 0xFF, 0xFF] },
        { "UINT32", ["16909060"], [0x04, 0x03, 0x02, 0x01] },
        { "UINT64", ["18446744073709551615"], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF] },
        { "INT8", ["-128", "127"], [0x80, 0x7F] },
        { "INT16", ["-2", "258"], [0xFE, 0xFF, 0x02, 0x01] },
        { "INT32", ["-1", "16909060"], [0xFF, 0xFF, 0xFF, 0xFF, 0x04, 0x03, 0x02, 0x01] },
        { "INT64", ["-9223372036854775808"], [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80] },
        { "FP16", ["1", "-2", "0.5"], [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38] },
        { "FP32", ["1", "-2.5"], [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0] },
        { "FP64", ["1", "1e-1"], [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F, 0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F] },
        { "BF16", ["1", "-2", "3.14159"], [0x80, 0x3F, 0x00, 0xC0, 0x49, 0x40] },
        { "BYTES", ["ab", "", "é"], [2, 0, 0, 0, (byte)'a', (byte)'b', 0, 0, 0, 0, 2, 0, 0, 0, 0xC3, 0xA9] },
    };

    [Theory]
    [MemberData(nameof(EveryDatatype))]
    public void EncodesEveryDatatypeRowMajorLittleEndian(string datatype, string[] values, byte[] expected) =>
        Assert.Equal(expected, TensorEncoder.Encode(datatype, values));

    [Theory]
    [InlineData("UINT8", "-1")]
    [InlineData("UINT8", "256")]
    [InlineData("UINT16", "65536")]
    [InlineData("UINT32", "4294967296")]
    [InlineData("UINT64", "-1")]
    [InlineData("INT8", "128")]
    [InlineData("INT16", "-32769")]
    [InlineData("INT32", "2147483648")]
    [InlineData("INT64", "9223372036854775808")]
    [InlineData("INT32", "1.5")]
    [InlineData("INT32", "0x10")]
    [InlineData("FP16", "70000")]
    [InlineData("FP32", "1e39")]
    [InlineData("FP64", "1e309")]
    [InlineData("FP32", "1,5")]
    [InlineData("BOOL", "2")]
    [InlineData("BOOL", "yes")]
    public void RejectsValuesOutsideTheDatatype(string datatype, string value)
    {
        var e = Assert.Throws<TensorFormatException>(() => TensorEncoder.Encode(datatype, ["0", value]));
        Assert.Equal($"value at index 1 is not a valid {datatype}", e.Message);
    }

    [Theory]
    [InlineData("FP32", "NaN")]
    [InlineData("FP32", "Infinity")]
    [InlineData("FP64", "-Infinity")]
    [InlineData("FP16", "nan")]
    public void AcceptsNonFiniteLiterals(string datatype, string value) =>
        Assert.NotEmpty(TensorEncoder.Encode(datatype, [value]));

    [Fact]
    public void UnknownDatatypeIsNamed() =>
        Assert.StartsWith("unknown datatype 'FP8'", Assert.Throws<TensorFormatException>(() => TensorEncoder.Encode("FP8", ["1"])).Message);

    [Fact]
    public void InputFromTextNormalizesTheDatatypeAndChecksTheCount()
    {
        var input = InferInput.FromText("x", "fp32", [2], ["1", "2"]);
        Assert.Equal("FP32", input.Datatype);
        Assert.Equal(8, input.RawData.Length);
        Assert.Equal("shape [2] needs 2 values; got 1", Assert.Throws<TensorFormatException>(() => InferInput.FromText("x", "FP32", [2], ["1"])).Message);
    }
}
