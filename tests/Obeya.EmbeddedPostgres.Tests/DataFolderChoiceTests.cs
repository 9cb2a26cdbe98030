using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;

namespace Obeya.EmbeddedPostgres.Tests;

/// <summary>Where the cluster lives when Obeya runs as root and the postgres user cannot reach the configured folder.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderChoiceTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    // runs as postgres user, reaches configured, configured has cluster, elsewhere has cluster => kept elsewhere
    [InlineData(false, false, false, false, false)]
    [InlineData(false, false, false, true, false)]
    [InlineData(true, true, false, false, false)]
    [InlineData(true, false, false, false, true)]
    [InlineData(true, false, true, false, false)]
    [InlineData(true, false, true, true, false)]
    [InlineData(true, true, false, true, true)]
    [InlineData(true, false, false, true, true)]
    public void data_stays_where_it_is_and_a_new_cluster_goes_where_the_postgres_user_can_reach_it(
        bool runsAsServerUser, bool reachesConfigured, bool configuredHasCluster, bool elsewhereHasCluster, bool keptElsewhere)
    {
        var configured = Folder("configured", configuredHasCluster);
        var elsewhere = Folder("elsewhere", elsewhereHasCluster);

        var chosen = DataFolderChoice.Choose(configured, elsewhere, runsAsServerUser, reachesConfigured);

        chosen.Should().Be(keptElsewhere ? elsewhere : configured);
    }

    [Fact]
    public void the_folder_elsewhere_is_named_after_the_configured_path_and_stays_the_same()
    {
        var configured = DataFolder.For("/root/obeya/.obeya/pg");

        var elsewhere = DataFolderChoice.Elsewhere(configured, "/var/lib/obeya");

        elsewhere.Path.Should().MatchRegex(@"^/var/lib/obeya/root-obeya-obeya-pg-[0-9a-f]{8}$");
        DataFolderChoice.Elsewhere(DataFolder.For("/root/obeya/.obeya/pg/"), "/var/lib/obeya").Should().Be(elsewhere, "the same folder, written otherwise");
        DataFolderChoice.Elsewhere(DataFolder.For("/root/obeya/obeya/pg"), "/var/lib/obeya").Path.Should().NotBe(elsewhere.Path, "a path that reads alike");
        DataFolderChoice.NameFor("/" + new string('a', 200) + "/pg").Length.Should().BeLessThan(64);
    }

    [Fact]
    public async Task as_root_a_new_cluster_the_postgres_user_cannot_reach_is_kept_under_the_reachable_root()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return; // Only root hands the server to the postgres user.
        }

        var closed = ClosedFolder();
        var reachable = Path.Combine(_folder.Root, "reachable");
        var options = new EmbeddedPostgresOptions(Path.Combine(closed, "pg")) { ReachableRoot = reachable };

        string kept;
        await using (var first = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance))
        {
            kept = first.DataDirectory;
            await Sql.Execute(first.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
        }

        await using var second = await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance);

        kept.Should().StartWith(reachable + "/");
        second.DataDirectory.Should().Be(kept);
        second.LogFile.Should().Be(kept + ".log");
        (await Sql.Scalar(second.ConnectionString, "SELECT text FROM notes")).Should().Be("kept");
        Directory.Exists(options.DataDirectory).Should().BeFalse("nothing is made where the postgres user cannot go");
        (await File.ReadAllTextAsync(options.DataDirectory + ".location.txt")).Should().Contain(kept);
    }

    [Fact]
    public async Task as_root_a_cluster_the_postgres_user_can_no_longer_reach_is_refused_with_advice_not_moved()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        var parent = Path.Combine(_folder.Root, "later-closed");
        Directory.CreateDirectory(parent);
        var options = new EmbeddedPostgresOptions(Path.Combine(parent, "pg")) { ReachableRoot = Path.Combine(_folder.Root, "reachable") };
        await (await EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance)).StopAsync();
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = () => EmbeddedPostgresServer.StartAsync(options, NullLogger.Instance);

        await start.Should().ThrowAsync<EmbeddedPostgresException>()
            .WithMessage("*cannot reach*never moves one that holds data*Obeya:DataDirectory*ConnectionStrings__Obeya*");
        Directory.Exists(options.ReachableRoot).Should().BeFalse();
    }

    private DataFolder Folder(string name, bool hasCluster)
    {
        var path = Path.Combine(_folder.Root, name);
        Directory.CreateDirectory(path);
        if (hasCluster)
        {
            File.WriteAllText(Path.Combine(path, "PG_VERSION"), "15\n");
        }

        return DataFolder.For(path);
    }

    private string ClosedFolder()
    {
        var closed = Path.Combine(_folder.Root, "closed");
        Directory.CreateDirectory(closed);
        File.SetUnixFileMode(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return closed;
    }
}
