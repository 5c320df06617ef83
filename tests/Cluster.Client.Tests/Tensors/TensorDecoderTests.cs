using Cluster.Client.Tensors;
using Google.Protobuf;
using Inference;

namespace Cluster.Client.Tests.Tensors;

public sealed class TensorDecoderTests
{
    public static TheoryData<string, string[], object[]> EveryDatatype => new()
    {
        { "BOOL", ["true", "false"], [true, false] },
        { "UINT8", ["0", "255"], [(byte)0, (byte)255] },
        { "UINT16", ["65535"], [(ushort)65535] },
        { "UINT32", ["4294967295"], [4294967295u] },
        { "UINT64", ["18446744073709551615"], [ulong.MaxValue] },
        { "INT8", ["-128"], [(sbyte)-128] },
        { "INT16", ["-2"], [(short)-2] },
        { "INT32", ["-7", "7"], [-7, 7] },
        { "INT64", ["-9223372036854775808"], [long.MinValue] },
        { "FP16", ["0.5", "-2"], [(Half)0.5, (Half)(-2)] },
        { "BF16", ["0.5", "-2"], [0.5f, -2f] },
        { "FP32", ["0.1", "-2.5"], [0.1f, -2.5f] },
        { "FP64", ["0.1"], [0.1d] },
        { "BYTES", ["ab", ""], [new[] { (byte)'a', (byte)'b' }, Array.Empty<byte>()] },
    };

    [Theory]
    [MemberData(nameof(EveryDatatype))]
    public void DecodesWhatTheEncoderWrites(string datatype, string[] text, object[] expected) =>
        Assert.Equal(expected, TensorDecoder.DecodeRaw(datatype, TensorEncoder.Encode(datatype, text), expected.Length));

    [Fact]
    public void RawSizeMustMatchTheShape() =>
        Assert.Equal(
            "has 6 bytes; 2 FP32 elements need 8",
            Assert.Throws<TensorFormatException>(() => TensorDecoder.DecodeRaw("FP32", new byte[6], 2)).Message);

    [Fact]
    public void BytesElementCountMustMatchTheShape() =>
        Assert.Equal(
            "holds 1 BYTES elements; its shape needs 2",
            Assert.Throws<TensorFormatException>(() => TensorDecoder.DecodeRaw("BYTES", BytesTensor.Join([[1]]), 2)).Message);

    [Fact]
    public void TruncatedBytesElementIsReported() =>
        Assert.Equal(
            "BYTES element 0 claims 9 bytes; only 1 remain",
            Assert.Throws<TensorFormatException>(() => TensorDecoder.DecodeRaw("BYTES", [9, 0, 0, 0, 1], 1)).Message);

    [Fact]
    public void DecodesTypedContents()
    {
        var contents = new InferTensorContents { IntContents = { -1, 2 }, Fp32Contents = { 0.5f }, BytesContents = { ByteString.CopyFromUtf8("x") } };
        Assert.Equal([(sbyte)-1, (sbyte)2], TensorDecoder.DecodeContents("INT8", contents, 2));
        Assert.Equal([0.5f], TensorDecoder.DecodeContents("FP32", contents, 1));
        Assert.Equal([(Half)0.5], TensorDecoder.DecodeContents("FP16", contents, 1));
        Assert.Equal([new[] { (byte)'x' }], TensorDecoder.DecodeContents("BYTES", contents, 1));
    }

    [Theory]
    [InlineData("FP32", new byte[] { 0xCD, 0xCC, 0xCC, 0x3D }, "0.1")]
    [InlineData("FP16", new byte[] { 0x66, 0x2E }, "0.1")]
    [InlineData("FP64", new byte[] { 0x9A, 0x99, 0x99, 0x99, 0x99, 0x99, 0xB9, 0x3F }, "0.1")]
    [InlineData("BOOL", new byte[] { 1 }, "true")]
    [InlineData("INT64", new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, "-1")]
    [InlineData("BYTES", new byte[] { 2, 0, 0, 0, 0xC3, 0xA9 }, "é")]
    [InlineData("BYTES", new byte[] { 2, 0, 0, 0, 0xC3, 0x28 }, "base64:wyg=")]
    public void FormatsValuesInShortestInvariantForm(string datatype, byte[] raw, string text) =>
        Assert.Equal(text, TensorValueFormatter.Format(Assert.Single(TensorDecoder.DecodeRaw(datatype, raw, 1))));
}
