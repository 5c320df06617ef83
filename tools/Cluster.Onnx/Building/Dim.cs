namespace Cluster.Onnx;

/// <summary>
/// One dimension of a declared input or output shape: a fixed size, a symbolic name such as
/// <c>"batch"</c>, or unknown (<c>-1</c>). Converts implicitly from <see cref="long"/> and
/// <see cref="string"/>, so shapes read as <c>("batch", 16)</c>.
/// </summary>
public readonly record struct Dim
{
    private Dim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null for a symbolic or unknown dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null for a fixed or unknown dimension.</summary>
    public string? Symbol { get; }

    /// <summary>An unknown dimension with no name.</summary>
    public static Dim Unknown => new(null, null);

    /// <summary>A fixed size; -1 means unknown.</summary>
    public static Dim Fixed(long value) => value switch
    {
        -1 => Unknown,
        < 0 => throw new ArgumentOutOfRangeException(nameof(value), value, "A dimension is a size >= 0, or -1 for unknown."),
        _ => new(value, null),
    };

    /// <summary>A symbolic dimension, e.g. <c>"batch"</c>.</summary>
    public static Dim Named(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new(null, symbol);
    }

    public static implicit operator Dim(long value) => Fixed(value);

    public static implicit operator Dim(string symbol) => Named(symbol);

    internal TensorShapeProto.Types.Dimension ToProto()
    {
        var dimension = new TensorShapeProto.Types.Dimension();
        if (Value is { } value)
            dimension.DimValue = value;
        else if (Symbol is { } symbol)
            dimension.DimParam = symbol;
        return dimension;
    }

    public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
