using System.IO.Compression;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>zlib (RFC 1950), the compression of stored audit segments, for tests that read or alter the table directly.</summary>
public static class Zlib
{
    public static byte[] Decompress(byte[] payload)
    {
        using var input = new ZLibStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    public static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }
}
