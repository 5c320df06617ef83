using System.Diagnostics;
using System.Security.Cryptography;
using Cluster.Grains.Hashing;

namespace Cluster.BenchHost.Hashing;

/// <summary>
/// <c>--sha256-bench ROUNDS</c>: the audit path's SHA-256 (<see cref="Sha256"/>) against .NET's
/// <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> on the sizes the audit path hashes
/// (an output tensor, a 30-feature input, a chain record, a larger record), in alternating
/// rounds of 200,000 calls each so machine noise hits both; prints the median time per call and the ratio.
/// </summary>
public static class Sha256Benchmark
{
    private const int CallsPerRound = 200_000;

    public static int Run(int rounds, TextWriter output)
    {
        output.WriteLine($"SHA-256 per call, median of {rounds} alternating rounds of {CallsPerRound:N0} calls; path: {(Sha256.UsesLibCrypto ? "libcrypto SHA256_Init/Update/Final" : ".NET (libcrypto not loadable)")}");
        output.WriteLine();
        output.WriteLine("| Bytes | .NET SHA256.HashData ns | Sha256.Hash ns | Sha256.Hash / .NET |");
        output.WriteLine("| ---: | ---: | ---: | ---: |");
        foreach (var size in new[] { 32, 200, 1000, 16 * 1024 })
        {
            var data = RandomNumberGenerator.GetBytes(size);
            var system = new List<double>();
            var project = new List<double>();
            Time(data, Sha256.Hash);
            Time(data, (d, h) => SHA256.HashData(d, h));
            for (var round = 0; round < rounds; round++)
            {
                if (round % 2 == 0)
                {
                    project.Add(Time(data, Sha256.Hash));
                    system.Add(Time(data, (d, h) => SHA256.HashData(d, h)));
                }
                else
                {
                    system.Add(Time(data, (d, h) => SHA256.HashData(d, h)));
                    project.Add(Time(data, Sha256.Hash));
                }
            }
            var (a, b) = (Median(system), Median(project));
            output.WriteLine($"| {size} | {a:F0} | {b:F0} | {b / a:F3} |");
        }
        return 0;
    }

    private delegate void Hash(ReadOnlySpan<byte> data, Span<byte> digest);

    private static double Time(byte[] data, Hash hash)
    {
        Span<byte> digest = stackalloc byte[32];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < CallsPerRound; i++) hash(data, digest);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerRound;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
