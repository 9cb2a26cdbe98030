using System.Diagnostics;
using System.Globalization;

namespace Obeya.EmbeddedPostgres;

/// <summary>
/// One postmaster, as /proc shows it. pg_ctl starts it in a session of its own and it is not our child, so we cannot
/// wait for it: we look. The start time tells it apart from a later process that got the same PID; the folder is
/// the cluster as the kernel names it (links resolved), which every process of that server has as its working folder.
/// </summary>
internal readonly record struct ServerProcess(int Pid, long StartTime, string ClusterFolder)
{
    /// <summary>The postmaster named in the folder's postmaster.pid, if that process is alive.</summary>
    public static ServerProcess? Of(DataFolder folder) => Recorded(folder) is { IsAlive: true } running ? running : null;

    /// <summary>The process named in the folder's postmaster.pid while /proc still lists it, alive or a zombie.</summary>
    public static ServerProcess? Recorded(DataFolder folder) =>
        ReadPostmasterPid(folder) is int pid && Stat.Read(pid) is { } stat
            ? new ServerProcess(pid, stat.StartTime, WorkingFolderOf(pid) ?? folder.Path)
            : null;

    /// <summary>False once it has exited, also while it is a zombie nobody reaps (containers without a reaping init).</summary>
    public bool IsAlive => Stat.Read(Pid) is { IsAlive: true } stat && stat.StartTime == StartTime;

    /// <summary>
    /// The server's other processes (backends, checkpointer, ...) notice their postmaster's death and exit, and until
    /// they have, they still use the cluster: a new server must not start beside them. Waits for them, then kills
    /// those left (and returns their PIDs). Each runs in a session of its own and is handed to init when the
    /// postmaster dies, so they are known by their working folder, the cluster's.
    /// </summary>
    public async Task<IReadOnlyList<int>> WaitForItsProcessesToEndAsync(TimeSpan grace, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (LiveProcessesIn(ClusterFolder).Count > 0 && deadline.Elapsed < grace)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        var stuck = LiveProcessesIn(ClusterFolder);
        foreach (var pid in stuck)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone in the meantime, or not ours to kill: the check below decides.
            }
        }

        for (var waited = 0; LiveProcessesIn(ClusterFolder) is { Count: > 0 } left; waited++)
        {
            if (waited == 40)
            {
                throw new EmbeddedPostgresException(
                    $"Processes of the PostgreSQL server that stopped (PID {Pid}) are still running on {ClusterFolder}: {string.Join(", ", left)}.");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        return stuck;
    }

    public static int? ReadPostmasterPid(DataFolder folder)
    {
        try
        {
            var firstLine = File.ReadLines(folder.PostmasterPidFile).FirstOrDefault();
            return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Live processes whose working folder is <paramref name="folder"/> (a zombie has none).</summary>
    private static List<int> LiveProcessesIn(string folder)
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && WorkingFolderOf(pid) == folder
                && Stat.Read(pid) is { IsAlive: true })
            {
                found.Add(pid);
            }
        }

        return found;
    }

    private static string? WorkingFolderOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Stat(char State, long StartTime)
    {
        public bool IsAlive => State is not ('Z' or 'X' or 'x');

        public static Stat? Read(int pid)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            // "PID (command) STATE PPID ... STARTTIME(22) ..."; the command may hold spaces and parentheses.
            var end = text.LastIndexOf(')');
            if (end < 0 || end + 2 >= text.Length)
            {
                return null;
            }

            var fields = text[(end + 2)..].Split(' ');
            return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var startTime)
                ? new Stat(fields[0][0], startTime)
                : null;
        }
    }
}
