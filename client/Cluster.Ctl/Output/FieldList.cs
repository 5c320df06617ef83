namespace Cluster.Ctl.Output;

/// <summary>
/// Label/value lines with the values aligned; a value with several lines (or several items)
/// continues under the first, indented to the value column.
/// </summary>
public sealed class FieldList
{
    private readonly List<(string Label, IReadOnlyList<string> Lines)> _fields = [];

    public FieldList Add(string label, string value)
    {
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        _fields.Add((label, lines));
        return this;
    }

    public FieldList Add(string label, IReadOnlyList<string> values)
    {
        _fields.Add((label, values.Count == 0 ? [Display.None] : values));
        return this;
    }

    public void Write(TextWriter output)
    {
        if (_fields.Count == 0) return;
        var width = _fields.Max(f => f.Label.Length) + 2;
        foreach (var (label, lines) in _fields)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                output.WriteLine(((i == 0 ? label : "").PadRight(width) + lines[i]).TrimEnd());
            }
        }
    }
}
