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
