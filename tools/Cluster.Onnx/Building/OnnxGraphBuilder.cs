using Google.Protobuf;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>
/// Builds an ONNX model one graph element at a time:
/// <code>
/// new OnnxGraphBuilder("simple")
///     .Input("INPUT0", DataType.Int32, "batch", 16)
///     .Input("INPUT1", DataType.Int32, "batch", 16)
///     .Node("Add", ["INPUT0", "INPUT1"], ["OUTPUT0"])
///     .Output("OUTPUT0", DataType.Int32, "batch", 16)
///     .Save("model.onnx");
/// </code>
/// <see cref="Build"/> checks that the nodes are in topological order and that every output is
/// produced, so a malformed graph fails here rather than in the runtime that loads it.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The IR version written (8: ONNX 1.10 and later, read by every current runtime).</summary>
    public const long IrVersion = 8;

    /// <summary>The default-domain operator set version written unless another is asked for.</summary>
    public const int DefaultOpset = 17;

    /// <summary>The <c>producer_name</c> written into every model.</summary>
    public const string ProducerName = "Cluster.Onnx";

    private readonly GraphProto _graph;
    private readonly List<StringStringEntryProto> _metadata = [];
    private string _docString = string.Empty;

    public OnnxGraphBuilder(string graphName = "main")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Declares a graph input, e.g. <c>Input("x", DataType.Float, "batch", 8)</c>.</summary>
    public OnnxGraphBuilder Input(string name, DataType elementType, params Dim[] shape)
    {
        _graph.Input.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    /// <summary>Declares a graph output; a node must produce it.</summary>
    public OnnxGraphBuilder Output(string name, DataType elementType, params Dim[] shape)
    {
        _graph.Output.Add(ValueInfo(name, elementType, shape));
        return this;
    }

    /// <summary>Adds a constant tensor (see <see cref="OnnxTensor"/>) that nodes read by name.</summary>
    public OnnxGraphBuilder Initializer(TensorProto tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentException.ThrowIfNullOrWhiteSpace(tensor.Name, nameof(tensor));
        _graph.Initializer.Add(tensor);
        return this;
    }

    public OnnxGraphBuilder Initializer(string name, float[] values, params long[] dims) => Initializer(OnnxTensor.Create(name, values, dims));

    public OnnxGraphBuilder Initializer(string name, double[] values, params long[] dims) => Initializer(OnnxTensor.Create(name, values, dims));

    public OnnxGraphBuilder Initializer(string name, int[] values, params long[] dims) => Initializer(OnnxTensor.Create(name, values, dims));

    public OnnxGraphBuilder Initializer(string name, long[] values, params long[] dims) => Initializer(OnnxTensor.Create(name, values, dims));

    public OnnxGraphBuilder Initializer(string name, bool[] values, params long[] dims) => Initializer(OnnxTensor.Create(name, values, dims));

    /// <summary>
    /// Appends a default-domain operator, e.g.
    /// <c>Node("Softmax", ["logits"], ["probabilities"], OnnxAttribute.Int("axis", -1))</c>.
    /// Nodes must be added in topological order; an empty input name skips an optional input.
    /// </summary>
    public OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opType);
        var node = new NodeProto { OpType = opType, Name = $"{opType}_{_graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return Node(node);
    }

    /// <summary>Appends a node built by hand (another domain, a chosen name, a doc string).</summary>
    public OnnxGraphBuilder Node(NodeProto node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Output.Count == 0)
            throw new ArgumentException($"Node '{node.Name}' ({node.OpType}) has no outputs.", nameof(node));
        _graph.Node.Add(node);
        return this;
    }

    /// <summary>Sets the model's human-readable description (Markdown).</summary>
    public OnnxGraphBuilder Doc(string docString)
    {
        _docString = docString;
        return this;
    }

    /// <summary>Adds a <c>metadata_props</c> entry, readable through ONNX Runtime's model metadata.</summary>
    public OnnxGraphBuilder Metadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _metadata.Add(new StringStringEntryProto { Key = key, Value = value });
        return this;
    }

    /// <summary>Checks the graph and returns it as a model importing the default domain at <paramref name="opset"/>.</summary>
    public ModelProto Build(int opset = DefaultOpset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, 1);
        GraphValidator.Validate(_graph);
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? string.Empty,
            DocString = _docString,
            Graph = _graph.Clone(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        model.MetadataProps.AddRange(_metadata.Select(entry => entry.Clone()));
        return model;
    }

    /// <summary>The serialized model, ready for <c>new InferenceSession(bytes)</c>.</summary>
    public byte[] ToBytes(int opset = DefaultOpset) => Build(opset).ToByteArray();

    /// <summary>Writes the model to <paramref name="path"/>, creating its folder.</summary>
    public void Save(string path, int opset = DefaultOpset) => OnnxFile.Save(Build(opset), path);

    private static ValueInfoProto ValueInfo(string name, DataType elementType, Dim[] shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (elementType == DataType.Undefined)
            throw new ArgumentException($"Value '{name}' needs an element type.", nameof(elementType));

        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.AddRange(shape.Select(dim => dim.ToProto()));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = tensorShape },
            },
        };
    }
}
