using Cluster.Grains.Repository;

namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// Joins a batch's requests into one request: each input concatenated along dimension 0, in the
/// batch's order. Where members differ on a (variable) dimension every member is padded to the
/// batch's longest, with zeros (false for BOOL, the empty string for BYTES). The batch asks for the
/// union of the outputs its members asked for (all outputs when any member asked for all). One
/// request alone is run as it is, without a copy.
/// </summary>
internal static class BatchAssembler
{
    public static AssembledBatch Assemble(ModelVersionDescriptor model, IReadOnlyList<PendingRequest> members)
    {
        if (members.Count == 1) return new AssembledBatch(members[0].Request, members, [0], members[0].Rows, []);
        var offsets = new long[members.Count];
        long rows = 0;
        for (var m = 0; m < members.Count; m++)
        {
            offsets[m] = rows;
            rows += members[m].Rows;
        }
        var padded = new List<PaddedAxis>();
        var inputs = new InferenceTensor[model.Inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            var first = members[0].Inputs[i];
            var shape = new long[first.Shape.Length];
            shape[0] = rows;
            for (var axis = 1; axis < shape.Length; axis++)
            {
                long longest = 0, shortest = long.MaxValue;
                foreach (var member in members)
                {
                    longest = Math.Max(longest, member.Inputs[i].Shape[axis]);
                    shortest = Math.Min(shortest, member.Inputs[i].Shape[axis]);
                }
                shape[axis] = longest;
                if (shortest != longest) padded.Add(new PaddedAxis(i, axis, longest));
            }
            var isPadded = padded.Exists(p => p.Input == i);
            var data = first.DataType == DataTypes.Bytes
                ? JoinBytes(members, i, shape, offsets)
                : JoinFixed(members, i, shape, offsets, DataTypes.ElementSize(first.DataType), isPadded);
            inputs[i] = new InferenceTensor(first.Name, first.DataType, shape, data);
        }
        var request = new InferenceRequest(model.Name, model.Version, inputs, RequestedOutputs(model, members));
        return new AssembledBatch(request, members, offsets, rows, [.. padded]);
    }

    private static byte[] JoinFixed(IReadOnlyList<PendingRequest> members, int input, long[] shape, long[] offsets, int elementSize, bool padded)
    {
        var size = checked((int)(shape[0] * TensorRegions.RowLength(shape, elementSize)));
        // Padding relies on the zeroed array; without it every byte is overwritten.
        var data = padded ? new byte[size] : GC.AllocateUninitializedArray<byte>(size);
        for (var m = 0; m < members.Count; m++)
        {
            var t = members[m].Inputs[input];
            TensorRegions.Copy<byte>(t.Data.Span, t.Shape, 0, data, shape, offsets[m], t.Shape, elementSize);
        }
        return data;
    }

    private static byte[] JoinBytes(IReadOnlyList<PendingRequest> members, int input, long[] shape, long[] offsets)
    {
        var elements = new ReadOnlyMemory<byte>[checked((int)(shape[0] * TensorRegions.RowLength(shape, 1)))];
        for (var m = 0; m < members.Count; m++)
        {
            var t = members[m].Inputs[input];
            var own = BytesTensor.Split(t.Data).ToArray();
            TensorRegions.Copy<ReadOnlyMemory<byte>>(own, t.Shape, 0, elements, shape, offsets[m], t.Shape, 1);
        }
        return BytesTensor.Join(elements);
    }

    /// <summary>Every output when any member asked for all (none named), else the union in the model's order.</summary>
    private static string[] RequestedOutputs(ModelVersionDescriptor model, IReadOnlyList<PendingRequest> members)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.Request.RequestedOutputs.Length == 0) return [];
            wanted.UnionWith(member.Request.RequestedOutputs);
        }
        return [.. model.Outputs.Select(o => o.Name).Where(wanted.Contains)];
    }
}
