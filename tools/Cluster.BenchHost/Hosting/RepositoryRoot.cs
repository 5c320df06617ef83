namespace Cluster.BenchHost.Hosting;

/// <summary>Finds the repository checkout: the nearest folder above the working directory (else above this program) holding the Azurite install script.</summary>
public static class RepositoryRoot
{
    public static readonly string AzuriteInstaller = Path.Combine("tools", "scripts", "install-azurite.sh");

    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, AzuriteInstaller))) return dir.FullName;
            }
        }
        throw new BenchSetupException($"no repository checkout (a folder holding {AzuriteInstaller}) above '{Directory.GetCurrentDirectory()}'; run from inside the repository.");
    }
}
