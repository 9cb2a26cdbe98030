namespace Obeya.EmbeddedPostgres;

/// <summary>
/// Exclusive ownership of a data folder, so two Obeya processes never run (or stop) a server on the same cluster.
/// On Unix .NET turns <see cref="FileShare.None"/> into flock(LOCK_EX | LOCK_NB) on the lock file: the kernel
/// releases it when the process dies, however it dies, and the descriptor is close-on-exec, so the
/// server processes we start do not inherit (and keep) it.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    // .NET reports a failed flock as an IOException whose HResult is the errno.
    private const int EWouldBlockLinux = 11;
    private const int EWouldBlockMacOS = 35;

    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream) => _stream = stream;

    public static DataFolderLock Acquire(DataFolder folder)
    {
        // With this switch .NET skips flock and FileShare.None would lock nothing.
        if (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) && disabled
            || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true")
        {
            throw new EmbeddedPostgresException(
                "File locking is switched off (DOTNET_SYSTEM_IO_DISABLEFILELOCKING or System.IO.DisableFileLocking), " +
                $"so the data folder {folder.Path} cannot be protected against a second Obeya process. " +
                "Remove that setting, or set the connection string ConnectionStrings__Obeya to an existing PostgreSQL server.");
        }

        try
        {
            Directory.CreateDirectory(folder.Parent);
            // Never deleted: removing a lock file that another process is about to lock would let two processes
            // each lock a different file of the same name.
            return new DataFolderLock(new FileStream(folder.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e.HResult is EWouldBlockLinux or EWouldBlockMacOS)
        {
            throw new EmbeddedPostgresException(
                $"The data folder {folder.Path} is in use by another Obeya process (it holds {folder.LockFile}). " +
                "Stop that process, or give this one its own folder via the configuration value Obeya:DataDirectory.",
                e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new EmbeddedPostgresException(
                $"Cannot create the lock file {folder.LockFile}: {EmbeddedPostgresException.Sentence(e.Message)} " +
                "Choose a data folder this user can write to via the configuration value Obeya:DataDirectory.",
                e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
