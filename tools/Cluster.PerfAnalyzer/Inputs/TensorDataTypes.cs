using System.Reflection;
using Cluster.Protocol;
using Google.Protobuf.Reflection;
using Inference;
using Microsoft.ML.OnnxRuntime;

namespace Cluster.PerfAnalyzer.Inputs;

/// <summary>config.json data types: their KServe v2 wire names and how to fill a tensor of each.</summary>
public static class TensorDataTypes
{
    /// <summary>The v2 protocol's datatype string (<c>TYPE_FP32</c> is <c>FP32</c>), from the one datatype table by the enum value's config name.</summary>
    public static string WireName(DataType type) =>
        TensorDataType.FromConfigName(typeof(DataType).GetField(type.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name)?.Name ?? "INVALID";

    /// <summary>True for the types this tool can fill (all fixed-size ones, and BYTES from a text file).</summary>
    public static bool IsSupported(DataType type) => type is not DataType.TypeInvalid;

    /// <summary>A value drawn for a generated tensor: floats in [-1, 1), integers in [0, <paramref name="intMax"/>), booleans 0 or 1.</summary>
    public static double NextValue(DataType type, Random random, int intMax = 10) => type switch
    {
        DataType.TypeFp16 or DataType.TypeFp32 or DataType.TypeFp64 or DataType.TypeBf16 => (random.NextDouble() * 2) - 1,
        DataType.TypeBool => random.Next(2),
        _ => random.Next(intMax),
    };

    /// <summary>A tensor of <paramref name="count"/> elements whose i-th value is <paramref name="value"/>(i), converted to the type.</summary>
    public static TensorBuffer Create(DataType type, int count, Func<int, double> value) => type switch
    {
        DataType.TypeBool => Build(count, i => value(i) != 0),
        DataType.TypeUint8 => Build(count, i => (byte)value(i)),
        DataType.TypeUint16 => Build(count, i => (ushort)value(i)),
        DataType.TypeUint32 => Build(count, i => (uint)value(i)),
        DataType.TypeUint64 => Build(count, i => (ulong)value(i)),
        DataType.TypeInt8 => Build(count, i => (sbyte)value(i)),
        DataType.TypeInt16 => Build(count, i => (short)value(i)),
        DataType.TypeInt32 => Build(count, i => (int)value(i)),
        DataType.TypeInt64 => Build(count, i => (long)value(i)),
        DataType.TypeFp16 => Build(count, i => (Float16)(float)value(i)),
        DataType.TypeFp32 => Build(count, i => (float)value(i)),
        DataType.TypeFp64 => Build(count, value),
        DataType.TypeBf16 => Build(count, i => (BFloat16)(float)value(i)),
        _ => throw new PerfSetupException($"data type {type} cannot be generated; only fixed-size numeric and boolean tensors can."),
    };

    private static TensorBuffer<T> Build<T>(int count, Func<int, T> element)
        where T : unmanaged
    {
        var values = new T[count];
        for (var i = 0; i < count; i++) values[i] = element(i);
        return new TensorBuffer<T>(values);
    }
}
