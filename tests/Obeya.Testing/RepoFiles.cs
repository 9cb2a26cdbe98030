namespace Obeya.Testing;

/// <summary>
/// The repository itself (its sources, deploy/ with the nginx site and the systemd unit), found from the running
/// program's folder upwards: the folder that holds Obeya.sln.
/// </summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>A file of the repository by its path in it; one that is not there is an error that names it.</summary>
    public static string Find(string relativePath)
    {
        var file = Path.Combine(Root, relativePath);
        return File.Exists(file) ? file : throw new InvalidOperationException($"{relativePath} is not in the repository at {Root}.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Obeya.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Obeya.sln not found above {AppContext.BaseDirectory}.");
    }
}
