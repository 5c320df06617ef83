using System.Buffers.Binary;
using Cluster.Protocol;
using System.Text;
using System.Text.Json;
using Cluster.Grains.Inference;

namespace Cluster.Gateway.Rest;

/// <summary>Writes a KServe v2 REST inference response: outputs with flat row-major <c>data</c>.</summary>
public static class JsonTensorWriter
{
    public static void Write(Utf8JsonWriter w, string model, string version, string id, InferenceResponse response)
    {
        w.WriteStartObject();
        w.WriteString("model_name", model);
        w.WriteString("model_version", version);
        if (id.Length > 0) w.WriteString("id", id);
        w.WriteStartArray("outputs");
        foreach (var output in response.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name", output.Name);
            w.WriteString("datatype", output.DataType);
            w.WriteStartArray("shape");
            foreach (var d in output.Shape) w.WriteNumberValue(d);
            w.WriteEndArray();
            w.WriteStartArray("data");
            WriteData(w, output);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter w, InferenceTensor t)
    {
        if (t.DataType == DataTypes.Bytes)
        {
            foreach (var e in BytesTensor.Split(t.Data)) w.WriteStringValue(Encoding.UTF8.GetString(e.Span));
            return;
        }
        var size = DataTypes.ElementSize(t.DataType);
        var data = t.Data.Span;
        for (var i = 0; i + size <= data.Length; i += size)
        {
            var s = data.Slice(i, size);
            switch (t.DataType)
            {
                case DataTypes.Bool: w.WriteBooleanValue(s[0] != 0); break;
                case DataTypes.Int8: w.WriteNumberValue((sbyte)s[0]); break;
                case DataTypes.UInt8: w.WriteNumberValue(s[0]); break;
                case DataTypes.Int16: w.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(s)); break;
                case DataTypes.UInt16: w.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(s)); break;
                case DataTypes.Int32: w.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(s)); break;
                case DataTypes.UInt32: w.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(s)); break;
                case DataTypes.Int64: w.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(s)); break;
                case DataTypes.UInt64: w.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(s)); break;
                case DataTypes.Fp16: WriteFloat(w, (double)BinaryPrimitives.ReadHalfLittleEndian(s)); break;
                case DataTypes.Fp32: WriteFloat(w, BinaryPrimitives.ReadSingleLittleEndian(s)); break;
                case DataTypes.Fp64: WriteFloat(w, BinaryPrimitives.ReadDoubleLittleEndian(s)); break;
                case DataTypes.Bf16: WriteFloat(w, BFloat16Bits.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s))); break;
            }
        }
    }

    /// <summary>JSON has no NaN or infinity; they are written as the strings "NaN", "Infinity", "-Infinity".</summary>
    private static void WriteFloat(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value)) w.WriteNumberValue(value);
        else w.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteFloat(Utf8JsonWriter w, float value)
    {
        if (float.IsFinite(value)) w.WriteNumberValue(value);
        else w.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }
}
