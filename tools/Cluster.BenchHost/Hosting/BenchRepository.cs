namespace Cluster.BenchHost.Hosting;

/// <summary>
/// A model repository holding only the benchmarked models (links to their folders in the real
/// repository), so the silo loads nothing else: no other model's memory, load time or background work.
/// </summary>
public static class BenchRepository
{
    public static string Create(string folder, string source, IEnumerable<string> models)
    {
        Directory.CreateDirectory(folder);
        foreach (var model in models)
        {
            var target = Path.GetFullPath(Path.Combine(source, model));
            var link = Path.Combine(folder, model);
            try
            {
                Directory.CreateSymbolicLink(link, target);
            }
            catch (IOException)
            {
                Copy(target, link);
            }
            catch (UnauthorizedAccessException)
            {
                Copy(target, link);
            }
        }

        return folder;
    }

    /// <summary>
    /// Deploys <paramref name="model"/> again under each of <paramref name="names"/>: its version
    /// folders linked, its config.json rewritten with the new name, so each copy is a model of its
    /// own to the silo (its own shard, governance and entitlements) with the same inputs.
    /// </summary>
    public static void AddCopies(string folder, string model, IEnumerable<string> names)
    {
        var source = Path.Combine(folder, model);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(source, "config.json")))!;
        foreach (var name in names)
        {
            var copy = Path.Combine(folder, name);
            Directory.CreateDirectory(copy);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
            {
                var entryName = Path.GetFileName(entry);
                if (entryName == "config.json") continue;
                var target = Path.GetFullPath(entry);
                if (Directory.Exists(target)) Directory.CreateSymbolicLink(Path.Combine(copy, entryName), target);
                else File.CreateSymbolicLink(Path.Combine(copy, entryName), target);
            }
            config["name"] = name;
            File.WriteAllText(Path.Combine(copy, "config.json"), config.ToJsonString());
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
