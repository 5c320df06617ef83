using Google.Protobuf;
using AttributeType = Cluster.Onnx.AttributeProto.Types.AttributeType;

namespace Cluster.Onnx;

/// <summary>Factories for node attributes, each setting the value and its type discriminator.</summary>
public static class OnnxAttribute
{
    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Tensor(string name, TensorProto value) =>
        new() { Name = name, Type = AttributeType.Tensor, T = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static AttributeProto Floats(string name, params float[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Floats };
        attribute.Floats.AddRange(values);
        return attribute;
    }

    public static AttributeProto Strings(string name, params string[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeType.Strings };
        attribute.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return attribute;
    }
}
