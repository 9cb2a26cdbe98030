using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Obeya.EmbeddedPostgres;

/// <summary>
/// Where the cluster lives when Obeya runs as root. The server then runs as the postgres user, who cannot enter a
/// folder such as /root; rather than refuse, a new cluster is kept in a folder of its own under a root that user can
/// reach (/var/lib/obeya), named after the configured path, so the same configuration finds the same data again.
/// </summary>
internal static partial class DataFolderChoice
{
    public const string DefaultReachableRoot = "/var/lib/obeya";

    /// <summary>The folder a cluster for <paramref name="configured"/> gets under <paramref name="reachableRoot"/>.</summary>
    public static DataFolder Elsewhere(DataFolder configured, string reachableRoot) =>
        DataFolder.For(Path.Combine(reachableRoot, NameFor(configured.Path)));

    /// <summary>
    /// The rule: data stays where it is (the configured folder's cluster, else one kept elsewhere earlier); a new cluster
    /// goes to the configured folder when the postgres user can reach it, else elsewhere. Not as root, it is always
    /// the configured folder. An existing cluster is never moved: an unreachable one is refused with advice later.
    /// </summary>
    public static DataFolder Choose(DataFolder configured, DataFolder elsewhere, bool runsAsServerUser, bool serverUserReachesConfigured)
    {
        if (!runsAsServerUser || configured.HasCluster)
        {
            return configured;
        }

        if (elsewhere.HasCluster)
        {
            return elsewhere;
        }

        return serverUserReachesConfigured ? configured : elsewhere;
    }

    /// <summary>
    /// Readable and stable: the path's words ("root-obeya-obeya-pg"), shortened from the front, and a hash of the
    /// exact path, so two paths that read alike still get folders of their own.
    /// </summary>
    public static string NameFor(string configuredPath)
    {
        var words = NotAlphanumeric().Replace(configuredPath, "-").Trim('-').ToLowerInvariant();
        if (words.Length > 48)
        {
            words = words[^48..].TrimStart('-');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuredPath)))[..8];
        return words.Length == 0 ? hash : $"{words}-{hash}";
    }

    /// <summary>Said at the configured place, for whoever looks for the data there (in Dutch, like the rest of what users read).</summary>
    public static string NoteFile(DataFolder configured) => configured.Path + ".location.txt";

    public static string Note(DataFolder configured, DataFolder elsewhere) =>
        $"De PostgreSQL-data van Obeya voor {configured.Path} staat in {elsewhere.Path}" + Environment.NewLine +
        $"(met {Path.GetFileName(elsewhere.LockFile)}, {Path.GetFileName(elsewhere.PasswordFile)} en {Path.GetFileName(elsewhere.LogFile)} ernaast)." + Environment.NewLine +
        $"Obeya draait als root en start PostgreSQL als de gebruiker postgres, en die kan de map {configured.Parent} niet bereiken." + Environment.NewLine +
        "Obeya vindt de data daar zelf terug bij elke start met dezelfde instelling (Obeya:DataDirectory)." + Environment.NewLine;

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NotAlphanumeric();
}
