namespace Obeya.Testing;

/// <summary>Files of the repository itself (deploy/, the nginx site, the systemd unit), found from the running program's folder upwards.</summary>
public static class RepoFiles
{
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, relativePath);
            if (File.Exists(file))
            {
                return file;
            }
        }

        throw new InvalidOperationException($"{relativePath} not found above {AppContext.BaseDirectory}.");
    }
}
