namespace Obeya.EmbeddedPostgres;

/// <summary>
/// The cluster folder and the files that live beside it. They sit beside rather than inside it
/// because initdb wants an empty folder, and PostgreSQL treats everything inside as its own.
/// </summary>
internal sealed record DataFolder(string Path)
{
    public string Parent { get; } = System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Held (flock) by the one process that owns the cluster.</summary>
    public string LockFile => Path + ".lock";

    /// <summary>The generated superuser password, readable only by its owner.</summary>
    public string PasswordFile => Path + ".password";

    /// <summary>The server log (pg_ctl -l).</summary>
    public string LogFile => Path + ".log";

    /// <summary>
    /// Present while initdb runs: a cluster folder next to it is half-made, and is emptied and made again.
    /// (Not a temporary folder renamed into place: the data folder may be a mount point.)
    /// </summary>
    public string InitMarkerFile => Path + ".initdb-incomplete";

    public string PostmasterPidFile => System.IO.Path.Combine(Path, "postmaster.pid");

    public string VersionFile => System.IO.Path.Combine(Path, "PG_VERSION");

    public static DataFolder For(string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw new EmbeddedPostgresException(
                "No data folder was given for the embedded PostgreSQL server. Set the configuration value Obeya:DataDirectory.");
        }

        var path = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(dataDirectory));
        if (System.IO.Path.GetDirectoryName(path) is null)
        {
            throw new EmbeddedPostgresException(
                $"The data folder '{path}' is a file system root; choose a folder below it via Obeya:DataDirectory.");
        }

        return new DataFolder(path);
    }

    /// <summary>True when the folder holds a PostgreSQL cluster (initdb finished).</summary>
    public bool HasCluster => File.Exists(VersionFile);

    public bool IsMissingOrEmpty => !Directory.Exists(Path) || !Directory.EnumerateFileSystemEntries(Path).Any();

    /// <summary>The major version the cluster was made with, from PG_VERSION.</summary>
    public int ClusterMajorVersion()
    {
        var text = File.ReadAllText(VersionFile).Trim();
        return int.TryParse(text.Split('.')[0], out var major) ? major : 0;
    }

    /// <summary>The last lines of the server log written after <paramref name="fromOffset"/>, for error messages.</summary>
    public string LogTail(long fromOffset = 0, int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // Only the end matters, and a log of past runs can be large.
            var start = Math.Max(fromOffset, stream.Length - 16 * 1024);
            stream.Seek(Math.Min(start, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var tail = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines);
            return string.Join('\n', tail).Trim();
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public long LogLength => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
}
