namespace Cluster.Onnx;

/// <summary>Structural checks a runtime would otherwise report less clearly at load time.</summary>
internal static class GraphValidator
{
    public static void Validate(GraphProto graph)
    {
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
            Define(defined, input.Name, "input");
        foreach (var initializer in graph.Initializer)
        {
            // An initializer may share its name with an input (a default value the caller can override).
            if (!graph.Input.Any(input => input.Name == initializer.Name))
                Define(defined, initializer.Name, "initializer");
        }

        foreach (var node in graph.Node)
        {
            foreach (var input in node.Input.Where(name => name.Length > 0))
            {
                if (!defined.Contains(input))
                    throw new InvalidOperationException($"Node '{node.Name}' ({node.OpType}) reads '{input}', which no input, initializer or earlier node defines.");
            }

            foreach (var output in node.Output.Where(name => name.Length > 0))
                Define(defined, output, $"output of node '{node.Name}'");
        }

        if (graph.Output.Count == 0)
            throw new InvalidOperationException($"Graph '{graph.Name}' declares no outputs.");
        foreach (var output in graph.Output)
        {
            if (!defined.Contains(output.Name))
                throw new InvalidOperationException($"Graph output '{output.Name}' is not produced by any node, input or initializer.");
        }
    }

    private static void Define(HashSet<string> defined, string name, string what)
    {
        if (!defined.Add(name))
            throw new InvalidOperationException($"'{name}' is defined twice (again as {what}).");
    }
}
