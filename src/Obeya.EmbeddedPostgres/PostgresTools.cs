using System.Globalization;
using System.Text.RegularExpressions;

namespace Obeya.EmbeddedPostgres;

/// <summary>
/// The installed PostgreSQL server programs, and the user they run as. initdb and postgres refuse to run as root,
/// so as root every tool runs as Debian's <c>postgres</c> user through runuser.
/// </summary>
internal sealed partial class PostgresTools
{
    public const string ServerUser = "postgres";

    private const string InstallAdvice =
        "Install the PostgreSQL server (on Debian or Ubuntu, as root: apt-get install -y postgresql), " +
        "or set the connection string ConnectionStrings__Obeya to an existing PostgreSQL server.";

    private static readonly string[] RequiredPrograms = ["initdb", "pg_ctl", "postgres"];
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(30);

    /// <summary>runuser, when we are root; null when the tools run as ourselves.</summary>
    private readonly string? _runuser;

    private PostgresTools(string binDirectory, int majorVersion, string? runuser)
    {
        BinDirectory = binDirectory;
        MajorVersion = majorVersion;
        _runuser = runuser;
    }

    public string BinDirectory { get; }

    public int MajorVersion { get; }

    /// <summary>True when we are root and the tools run as <see cref="ServerUser"/>.</summary>
    public bool RunsAsServerUser => _runuser is not null;

    /// <param name="preferredMajorVersion">The version an existing cluster was made with, if any.</param>
    public static async Task<PostgresTools> LocateAsync(int? preferredMajorVersion, CancellationToken ct)
    {
        var binDirectory = FindBinDirectory(Environment.GetEnvironmentVariable("PATH"), "/usr/lib/postgresql", preferredMajorVersion)
            ?? throw new EmbeddedPostgresException(
                "PostgreSQL is not installed: initdb, pg_ctl and postgres were found neither on the PATH nor under " +
                "/usr/lib/postgresql/*/bin. " + InstallAdvice);

        string? runuser = null;
        if (Environment.IsPrivilegedProcess)
        {
            runuser = FindOnPath("runuser", Environment.GetEnvironmentVariable("PATH"))
                ?? new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(IsExecutableFile)
                ?? throw new EmbeddedPostgresException(
                    "Obeya runs as root, and PostgreSQL refuses to run as root, but runuser (util-linux) is missing to run it " +
                    $"as the '{ServerUser}' user. Run Obeya as a normal user, or set ConnectionStrings__Obeya to an existing PostgreSQL server.");

            var user = await ChildProcess.RunAsync("id", ["-u", ServerUser], ShortTimeout, ct).ConfigureAwait(false);
            if (!user.Succeeded)
            {
                throw new EmbeddedPostgresException(
                    $"Obeya runs as root, and PostgreSQL refuses to run as root; it would run the server as the '{ServerUser}' user, " +
                    "but that user does not exist. Install the PostgreSQL server package (apt-get install -y postgresql creates it), " +
                    "run Obeya as a normal user, or set ConnectionStrings__Obeya to an existing PostgreSQL server.");
            }
        }

        var probe = new PostgresTools(binDirectory, 0, runuser);
        var version = await probe.RunAsync("pg_ctl", ["--version"], ShortTimeout, ct).ConfigureAwait(false);
        var match = MajorVersionPattern().Match(version.StandardOutput);
        if (!version.Succeeded || !match.Success)
        {
            throw new EmbeddedPostgresException(
                $"'{version.CommandLine}' failed, so the PostgreSQL installation in {binDirectory} looks broken: {EmbeddedPostgresException.Sentence(version.Output)} {InstallAdvice}");
        }

        return new PostgresTools(binDirectory, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), runuser);
    }

    /// <summary>
    /// The folder holding all of initdb, pg_ctl and postgres: the one pg_ctl on the PATH lives in (links resolved,
    /// since pg_ctl looks for postgres beside its real file), else the highest version under <paramref name="versionedRoot"/>.
    /// An installed <paramref name="preferredMajorVersion"/> comes first: an existing cluster only runs on its own major version.
    /// </summary>
    internal static string? FindBinDirectory(string? pathVariable, string versionedRoot, int? preferredMajorVersion = null)
    {
        if (preferredMajorVersion is int major)
        {
            var preferred = Path.Combine(versionedRoot, major.ToString(CultureInfo.InvariantCulture), "bin");
            if (HasAllPrograms(preferred))
            {
                return preferred;
            }
        }

        var pgCtl = FindOnPath("pg_ctl", pathVariable);
        if (pgCtl is not null)
        {
            var real = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
            var directory = Path.GetDirectoryName(real);
            if (directory is not null && HasAllPrograms(directory))
            {
                return directory;
            }
        }

        if (!Directory.Exists(versionedRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versionedRoot)
            .Select(directory => (Version: ParseVersion(Path.GetFileName(directory)), Bin: Path.Combine(directory, "bin")))
            .Where(candidate => candidate.Version is not null && HasAllPrograms(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>Runs <paramref name="program"/> from <see cref="BinDirectory"/>, as the server user when we are root.</summary>
    public Task<ChildProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var path = Path.Combine(BinDirectory, program);
        return _runuser is null
            ? ChildProcess.RunAsync(path, arguments, timeout, ct)
            : ChildProcess.RunAsync(_runuser, ["-u", ServerUser, "--", path, .. arguments], timeout, ct);
    }

    /// <summary>
    /// True unless we are root and the server user cannot enter <paramref name="directory"/>
    /// (it and every folder above it must be searchable by others, which /root for one is not).
    /// </summary>
    public async Task<bool> ServerUserCanReachAsync(string directory, CancellationToken ct)
    {
        if (_runuser is null)
        {
            return true;
        }

        var check = await ChildProcess.RunAsync(_runuser, ["-u", ServerUser, "--", "test", "-x", directory], ShortTimeout, ct)
            .ConfigureAwait(false);
        return check.Succeeded;
    }

    /// <summary>As root: fails with advice unless the server user can reach <paramref name="folder"/>'s parent.</summary>
    public async Task EnsureServerUserCanReachAsync(DataFolder folder, CancellationToken ct)
    {
        if (!await ServerUserCanReachAsync(folder.Parent, ct).ConfigureAwait(false))
        {
            throw new EmbeddedPostgresException(
                $"Obeya runs as root, so the embedded PostgreSQL server runs as the '{ServerUser}' user, and that user cannot reach " +
                $"the data folder {folder.Path} (a folder above it, such as /root, is closed to other users). " +
                (folder.HasCluster ? "Obeya keeps only a new cluster elsewhere by itself and never moves one that holds data. " : "") +
                "Choose a data folder the postgres user can reach via the configuration value Obeya:DataDirectory " +
                "(for example /var/lib/obeya/pg), run Obeya as a normal user, or set ConnectionStrings__Obeya to an existing PostgreSQL server.");
        }
    }

    /// <summary>As root: hands <paramref name="paths"/> (folders recursively) to the server user.</summary>
    public async Task GiveToServerUserAsync(IEnumerable<string> paths, CancellationToken ct)
    {
        var existing = paths.Where(path => File.Exists(path) || Directory.Exists(path)).ToList();
        if (_runuser is null || existing.Count == 0)
        {
            return;
        }

        // Recursive, so a cluster made by an earlier non-root run still works; cheap at the sizes this is for.
        var chown = await ChildProcess.RunAsync("chown", ["-R", $"{ServerUser}:", "--", .. existing], ShortTimeout, ct)
            .ConfigureAwait(false);
        if (!chown.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Could not give {string.Join(", ", existing)} to the '{ServerUser}' user: {EmbeddedPostgresException.Sentence(chown.Output)} " +
                "Choose another data folder via the configuration value Obeya:DataDirectory, or run Obeya as a normal user.");
        }
    }

    private static bool HasAllPrograms(string directory) =>
        RequiredPrograms.All(program => IsExecutableFile(Path.Combine(directory, program)));

    private static string? FindOnPath(string program, string? pathVariable) =>
        (pathVariable ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Path.IsPathFullyQualified)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(IsExecutableFile);

    private static bool IsExecutableFile(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name, out var version) ? version
        : int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0)
        : null;

    // "pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+)")]
    private static partial Regex MajorVersionPattern();
}
