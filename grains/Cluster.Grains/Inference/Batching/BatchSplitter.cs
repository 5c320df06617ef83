using Cluster.Grains.Repository;

namespace Cluster.Grains.Inference.Batching;

/// <summary>An output that cannot be cut back into the batch's requests (its first dimension is not the batch's rows).</summary>
internal sealed class BatchSplitException(string message) : Exception(message);

/// <summary>
/// Cuts a batch's outputs back into each member's rows, in the order each member asked for (the
/// model's order when it named none). Un-padding: where the batch padded an input axis to length
/// L, an output axis that the model declares variable (-1) and that came out with length L is cut
/// back to the member's own length on that input axis (e.g. a transformer's
/// <c>[batch, seq, hidden]</c> output returns <c>[rows, own seq, hidden]</c>). Any other output
/// axis is returned as the batch computed it, padded length included (docs/batching.md). A member
/// whose rows need no un-padding gets a window on the batch's output rather than a copy.
/// </summary>
internal static class BatchSplitter
{
    public static InferenceTensor[][] Split(ModelVersionDescriptor model, AssembledBatch batch, InferenceTensor[] outputs)
    {
        if (batch.Members.Count == 1) return [outputs];
        var byName = new Dictionary<string, InferenceTensor>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (output.Shape.Length == 0 || output.Shape[0] != batch.Rows)
                throw new BatchSplitException(
                    $"output '{output.Name}' has shape {TensorShape.Format(output.Shape)}, not {batch.Rows} rows for a batch of {batch.Rows}.");
            byName[output.Name] = output;
        }
        var elements = new Dictionary<string, ReadOnlyMemory<byte>[]>(StringComparer.Ordinal);
        var result = new InferenceTensor[batch.Members.Count][];
        for (var m = 0; m < batch.Members.Count; m++)
        {
            var member = batch.Members[m];
            var names = member.Request.RequestedOutputs.Length > 0 ? member.Request.RequestedOutputs : model.Outputs.Select(o => o.Name).ToArray();
            result[m] = new InferenceTensor[names.Length];
            for (var k = 0; k < names.Length; k++)
            {
                var output = byName[names[k]];
                var spec = Array.Find(model.Outputs, o => o.Name == output.Name);
                result[m][k] = Cut(output, spec, batch, m, elements);
            }
        }
        return result;
    }

    private static InferenceTensor Cut(InferenceTensor output, TensorSpec? spec, AssembledBatch batch, int m, Dictionary<string, ReadOnlyMemory<byte>[]> elements)
    {
        var member = batch.Members[m];
        var region = output.Shape.ToArray();
        region[0] = member.Rows;
        for (var axis = 1; axis < region.Length; axis++)
        {
            if (spec is null || axis >= spec.Shape.Length || spec.Shape[axis] != -1) continue;
            foreach (var pad in batch.Padded)
            {
                if (pad.Length != output.Shape[axis]) continue;
                region[axis] = member.Inputs[pad.Input].Shape[pad.Axis];
                break;
            }
        }
        if (output.DataType == DataTypes.Bytes)
        {
            if (!elements.TryGetValue(output.Name, out var all)) elements[output.Name] = all = [.. BytesTensor.Split(output.Data)];
            var own = new ReadOnlyMemory<byte>[checked((int)(region[0] * TensorRegions.RowLength(region, 1)))];
            TensorRegions.Copy<ReadOnlyMemory<byte>>(all, output.Shape, batch.Offsets[m], own, region, 0, region, 1);
            return new InferenceTensor(output.Name, output.DataType, region, BytesTensor.Join(own));
        }
        var elementSize = DataTypes.ElementSize(output.DataType);
        var rowLength = TensorRegions.RowLength(region, elementSize);
        var length = checked((int)(region[0] * rowLength));
        if (TensorRegions.SameTail(output.Shape, region))
        {
            // The member's rows lie back to back in the batch's output: hand it that window, no copy.
            return new InferenceTensor(output.Name, output.DataType, region, output.Data.Slice(checked((int)(batch.Offsets[m] * rowLength)), length));
        }
        var data = GC.AllocateUninitializedArray<byte>(length);
        TensorRegions.Copy<byte>(output.Data.Span, output.Shape, batch.Offsets[m], data, region, 0, region, elementSize);
        return new InferenceTensor(output.Name, output.DataType, region, data);
    }
}
