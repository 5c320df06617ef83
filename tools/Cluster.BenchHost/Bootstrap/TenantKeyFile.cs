namespace Cluster.BenchHost.Bootstrap;

/// <summary>Writes the tenant key where the perf analyzer reads it, readable by the owner only.</summary>
public static class TenantKeyFile
{
    public static void Write(string path, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = ownerOnly;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(key);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, ownerOnly);
    }
}
