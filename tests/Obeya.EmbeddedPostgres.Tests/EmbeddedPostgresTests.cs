using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
namespace Obeya.EmbeddedPostgres.Tests;

/// <summary>Each test gets its own data folder (and so its own server) under /tmp.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresTests : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly string _root;
    private readonly EmbeddedPostgresOptions _options;

    public EmbeddedPostgresTests() => (_root, _options) = (_folder.Root, _folder.Options);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task a_restart_keeps_what_was_stored()
    {
        await using (var first = await Start())
        {
            await Sql.Execute(first.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
        }

        await using var second = await Start();

        (await Sql.Scalar(second.ConnectionString, "SELECT text FROM notes")).Should().Be("kept");
    }

    [Fact]
    public async Task a_second_starter_on_the_same_folder_is_refused_and_the_first_keeps_running()
    {
        await using var first = await Start();

        var second = () => Start();

        await second.Should().ThrowAsync<EmbeddedPostgresException>()
            .WithMessage($"*data folder {_options.DataDirectory} is in use by another Obeya process*");
        (await Sql.Scalar(first.ConnectionString, "SELECT 1")).Should().Be(1);
        Regex.Count(File.ReadAllText(_options.DataDirectory + ".log"), "starting PostgreSQL")
            .Should().Be(1, "the refused starter started no server");
    }

    [Fact]
    public async Task a_server_left_running_by_a_killed_owner_is_taken_over()
    {
        var abandoned = await Start();
        await Sql.Execute(abandoned.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
        await abandoned.AbandonWithoutStoppingAsync();

        await using var successor = await Start();

        (await Sql.Scalar(successor.ConnectionString, "SELECT text FROM notes")).Should().Be("kept");
        var leftover = () => Sql.Scalar(abandoned.ConnectionString, "SELECT 1");
        await leftover.Should().ThrowAsync<NpgsqlException>("the leftover server was stopped");
    }

    [Fact]
    public async Task a_pid_file_left_by_a_crashed_server_does_not_prevent_starting()
    {
        var crashed = await Start();
        await Sql.Execute(crashed.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
        await crashed.AbandonWithoutStoppingAsync();
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_options.DataDirectory, "postmaster.pid")).First());
        using (var process = Process.GetProcessById(postmaster))
        {
            process.Kill();
        }

        await WaitUntilServerProcessesAreGone(_options.DataDirectory);

        await using var successor = await Start();

        (await Sql.Scalar(successor.ConnectionString, "SELECT text FROM notes")).Should().Be("kept");
    }

    [Fact]
    public async Task create_database_is_idempotent()
    {
        await using var postgres = await Start();

        await postgres.CreateDatabaseAsync("second");
        await Sql.Execute(postgres.ConnectionStringFor("second"), "CREATE TABLE numbers (n int); INSERT INTO numbers VALUES (7)");
        await postgres.CreateDatabaseAsync("second");
        await postgres.CreateDatabaseAsync(_options.Database);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => postgres.CreateDatabaseAsync("raced")));

        (await Sql.Scalar(postgres.ConnectionStringFor("second"), "SELECT n FROM numbers")).Should().Be(7);
        (await Sql.Scalar(postgres.ConnectionStringFor("raced"), "SELECT current_database()")).Should().Be("raced");
    }

    [Fact]
    public void the_server_programs_come_from_the_path_else_from_the_highest_installed_version()
    {
        var installed = Path.Combine(_root, "postgresql");
        foreach (var version in new[] { "9.6", "14", "16" })
        {
            FakeInstallation(Path.Combine(installed, version, "bin"));
        }

        Directory.CreateDirectory(Path.Combine(installed, "17", "bin")); // incomplete: no programs
        var onPath = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(onPath, "pg_ctl"), Path.Combine(installed, "14", "bin", "pg_ctl"));

        PostgresTools.FindBinDirectory(onPath, installed).Should().Be(Path.Combine(installed, "14", "bin"), "pg_ctl on the PATH, link resolved");
        PostgresTools.FindBinDirectory("", installed).Should().Be(Path.Combine(installed, "16", "bin"));
        PostgresTools.FindBinDirectory("", installed, preferredMajorVersion: 14).Should().Be(Path.Combine(installed, "14", "bin"));
        PostgresTools.FindBinDirectory("", Path.Combine(_root, "nothing")).Should().BeNull();
    }

    private static void FakeInstallation(string bin)
    {
        Directory.CreateDirectory(bin);
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            var path = Path.Combine(bin, program);
            File.WriteAllText(path, "#!/bin/sh\n");
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }

    private Task<EmbeddedPostgresServer> Start() => EmbeddedPostgresServer.StartAsync(_options, NullLogger.Instance);

    /// <summary>The postmaster's children notice its death and exit; until then they still hold its shared memory.</summary>
    private static async Task WaitUntilServerProcessesAreGone(string dataDirectory)
    {
        for (var waited = 0; waited < 100 && ServerProcessesAlive(dataDirectory); waited++)
        {
            await Task.Delay(100);
        }
    }

    private static bool ServerProcessesAlive(string dataDirectory) =>
        Directory.EnumerateDirectories("/proc").Any(process =>
        {
            try
            {
                return new FileInfo(Path.Combine(process, "cwd")).LinkTarget == dataDirectory;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        });
}
