using Cluster.Grains.Repository;

namespace Cluster.Grains.Inference;

/// <summary>
/// Checks a request against a model version's contract: names, datatypes, shapes, batch size and
/// byte sizes. Each failure is an <see cref="InferenceStatus.InvalidArgument"/> whose message names
/// the tensor and what was expected. Run by the gateway before the hop and by the shard again.
/// </summary>
public static class RequestValidator
{
    /// <summary>The largest tensor accepted, in bytes (2 GiB, ONNX Runtime's own tensor limit).</summary>
    public const long MaxTensorBytes = int.MaxValue;

    public static void Validate(ModelVersionDescriptor model, InferenceRequest request)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long? batch = null;
        foreach (var input in request.Inputs)
        {
            if (!seen.Add(input.Name))
                throw InferenceException.Invalid($"input '{ClientText.Clip(input.Name)}' is given more than once.");
            var spec = Array.Find(model.Inputs, s => s.Name == input.Name)
                ?? throw InferenceException.Invalid(
                    $"unexpected input '{ClientText.Clip(input.Name)}' for model '{model.Name}'; expected inputs: {Names(model.Inputs)}.");
            var rowBatch = ValidateTensor(model, spec, input);
            if (batch is { } b && rowBatch != b)
                throw InferenceException.Invalid(
                    $"input '{input.Name}' has batch size {rowBatch} but an earlier input has {b}; all inputs must share the batch dimension.");
            batch = rowBatch;
        }
        foreach (var spec in model.Inputs)
        {
            if (!seen.Contains(spec.Name))
                throw InferenceException.Invalid(
                    $"missing input '{spec.Name}' ({spec.DataType} {spec.ShapeText}) for model '{model.Name}'.");
        }
        ValidateRequestedOutputs(model, request.RequestedOutputs);
    }

    /// <summary>Checks one input; returns its batch size (1 for a model that does not batch).</summary>
    private static long ValidateTensor(ModelVersionDescriptor model, TensorSpec spec, InferenceTensor input)
    {
        if (!DataTypes.IsKnown(input.DataType))
            throw InferenceException.Invalid(
                $"input '{input.Name}' has unknown datatype '{ClientText.Clip(input.DataType)}'; expected {spec.DataType}.");
        if (input.DataType != spec.DataType)
            throw InferenceException.Invalid(
                $"input '{input.Name}' has datatype {input.DataType}; model '{model.Name}' expects {spec.DataType}.");
        if (input.Shape.Length != spec.Shape.Length)
            throw InferenceException.Invalid(
                $"input '{input.Name}' has shape {TensorShape.Format(input.Shape)} of rank {input.Shape.Length}; expected rank {spec.Shape.Length} {spec.ShapeText}.");
        for (var i = 0; i < input.Shape.Length; i++)
        {
            if (input.Shape[i] < 0)
                throw InferenceException.Invalid(
                    $"input '{input.Name}' has negative dimension {input.Shape[i]} at index {i} of shape {TensorShape.Format(input.Shape)}.");
            if (spec.Shape[i] >= 0 && input.Shape[i] != spec.Shape[i])
                throw InferenceException.Invalid(
                    $"input '{input.Name}' has shape {TensorShape.Format(input.Shape)}; dimension {i} must be {spec.Shape[i]} (expected {spec.ShapeText}).");
        }
        long batch = 1;
        if (model.MaxBatchSize > 0)
        {
            batch = input.Shape[0];
            if (batch < 1)
                throw InferenceException.Invalid($"input '{input.Name}' has batch size 0; it must be at least 1.");
            if (batch > model.MaxBatchSize)
                throw InferenceException.Invalid(
                    $"input '{input.Name}' has batch size {batch}, over model '{model.Name}' max_batch_size {model.MaxBatchSize}.");
        }
        ValidateSize(input);
        return batch;
    }

    private static void ValidateSize(InferenceTensor input)
    {
        var elementSize = DataTypes.ElementSize(input.DataType);
        var limit = elementSize == 0 ? MaxTensorBytes / 4 : MaxTensorBytes / elementSize;
        var count = TensorShape.ElementCount(input.Shape, limit)
            ?? throw InferenceException.Invalid(
                $"input '{input.Name}' shape {TensorShape.Format(input.Shape)} is too large; a tensor may hold at most {MaxTensorBytes} bytes.");
        if (elementSize > 0)
        {
            var expected = count * elementSize;
            if (input.Data.Length != expected)
                throw InferenceException.Invalid(
                    $"input '{input.Name}' has {input.Data.Length} bytes of data; shape {TensorShape.Format(input.Shape)} of {input.DataType} needs {expected} bytes.");
            return;
        }
        var elements = BytesTensor.CountElements(input.Data.Span)
            ?? throw InferenceException.Invalid(
                $"input '{input.Name}' BYTES data is malformed: each element must be a 4-byte little-endian length followed by that many bytes.");
        if (elements != count)
            throw InferenceException.Invalid(
                $"input '{input.Name}' has {elements} BYTES elements; shape {TensorShape.Format(input.Shape)} needs {count}.");
    }

    private static void ValidateRequestedOutputs(ModelVersionDescriptor model, string[] requested)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            if (!seen.Add(name))
                throw InferenceException.Invalid($"output '{ClientText.Clip(name)}' is requested more than once.");
            if (!Array.Exists(model.Outputs, o => o.Name == name))
                throw InferenceException.Invalid(
                    $"unknown requested output '{ClientText.Clip(name)}' for model '{model.Name}'; outputs: {Names(model.Outputs)}.");
        }
    }

    private static string Names(TensorSpec[] specs) => string.Join(", ", specs.Select(s => $"{s.Name} ({s.DataType} {s.ShapeText})"));
}
