namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// The shape of a forming batch: per input, the longest of every non-batch dimension so far. A
/// request joins when its shapes match, or differ only where padding may make them match (the
/// model's variable dimensions, when padding is on), and the padded batch stays within the
/// tensor size limit; otherwise it waits for a later batch.
/// </summary>
internal sealed class BatchShape(bool padding)
{
    private long[][]? _longest;
    private long _rows;

    public bool TryAdd(PendingRequest request)
    {
        if (_longest is null)
        {
            _longest = [.. request.Inputs.Select(t => t.Shape.ToArray())];
            _rows = request.Rows;
            return true;
        }
        var rows = _rows + request.Rows;
        long[][]? grown = null;
        for (var i = 0; i < _longest.Length; i++)
        {
            var shape = request.Inputs[i].Shape;
            var current = _longest[i];
            for (var axis = 1; axis < current.Length; axis++)
            {
                if (shape[axis] == current[axis]) continue;
                if (!padding) return false;
                if (shape[axis] > current[axis])
                {
                    grown ??= [.. _longest.Select(s => s.ToArray())];
                    grown[i][axis] = shape[axis];
                }
            }
        }
        var next = grown ?? _longest;
        for (var i = 0; i < next.Length; i++)
        {
            if (!FitsLimit(request.Inputs[i].DataType, rows, next[i])) return false;
        }
        _longest = next;
        _rows = rows;
        return true;
    }

    /// <summary>Whether a batched tensor of <paramref name="rows"/> rows of <paramref name="longest"/> stays within ONNX Runtime's tensor limit.</summary>
    private static bool FitsLimit(string datatype, long rows, long[] longest)
    {
        // BYTES elements need at least their 4-byte length prefix in the raw form.
        var elementSize = Math.Max(4, DataTypes.ElementSize(datatype));
        var perRow = Repository.TensorShape.ElementCount(longest.AsSpan(1), RequestValidator.MaxTensorBytes);
        return perRow is { } n && (n == 0 || rows <= RequestValidator.MaxTensorBytes / elementSize / n);
    }
}
