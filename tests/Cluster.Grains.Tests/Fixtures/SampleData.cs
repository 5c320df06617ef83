using System.Runtime.InteropServices;
using System.Text;
using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Distinct, valid values of every datatype in raw form, the same on every run.</summary>
public static class SampleData
{
    public static byte[] Raw(string datatype, int count) => datatype switch
    {
        DataTypes.Bool => [.. Enumerable.Range(0, count).Select(i => (byte)(i % 3 == 0 ? 1 : 0))],
        DataTypes.Fp16 => Bytes(Enumerable.Range(0, count).Select(i => (Half)(i * 0.5 - 2)).ToArray()),
        DataTypes.Fp32 => Bytes(Enumerable.Range(0, count).Select(i => i * 1.25f - 3).ToArray()),
        DataTypes.Fp64 => Bytes(Enumerable.Range(0, count).Select(i => i * -1e100 + 0.1).ToArray()),
        DataTypes.Bytes => BytesTensor.Join([.. Enumerable.Range(0, count).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(Texts[i % Texts.Length]))]),
        _ => RandomBytes(count * DataTypes.ElementSize(datatype)),
    };

    private static readonly string[] Texts = ["", "a", "héllo wörld", "日本語", "emoji 😀", "tab\tand\nnewline", new string('z', 300)];

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}
