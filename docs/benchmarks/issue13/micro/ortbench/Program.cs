using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
var path = args[0];
using var so = new SessionOptions { IntraOpNumThreads = 2 };
so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
using var session = new InferenceSession(path, so);
var input = session.InputMetadata.First();
var outputs = session.OutputMetadata.Keys.ToArray();
var dims = input.Value.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
var data = new float[dims.Aggregate(1L, (a, b) => a * b)];
using var shared = new RunOptions();
string[] names = [input.Key];
double Measure(bool share, int n)
{
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        using var v = OrtValue.CreateTensorValueFromMemory(data, dims);
        if (share) { using var r = session.Run(shared, names, [v], outputs); }
        else { using var ro = new RunOptions(); using var r = session.Run(ro, names, [v], outputs); }
    }
    return sw.Elapsed.TotalMicroseconds / n;
}
Measure(true, 20000); Measure(false, 20000);
for (var round = 0; round < 6; round++)
    Console.WriteLine($"round {round}: shared {Measure(true, 50000):0.00} us, new per run {Measure(false, 50000):0.00} us");
