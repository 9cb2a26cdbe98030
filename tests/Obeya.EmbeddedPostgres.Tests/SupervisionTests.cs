using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Obeya.EmbeddedPostgres.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class SupervisionTests : IDisposable
{
    // Long enough for a restart with crash recovery on a busy machine; the supervisor itself looks every 250 ms.
    private static readonly TimeSpan RestartBound = TimeSpan.FromSeconds(30);

    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task a_killed_server_is_started_again_on_the_same_port_with_what_was_stored()
    {
        await using var postgres = await Start();
        var states = new ConcurrentQueue<EmbeddedPostgresState>();
        postgres.StateChanged += (_, _) => states.Enqueue(postgres.State);
        await Sql.Execute(postgres.ConnectionString, "CREATE TABLE notes (text text); INSERT INTO notes VALUES ('kept')");
        var (port, killed) = (postgres.Port, postgres.ServerProcessId!.Value);

        Kill(killed);

        await WaitUntil(() => postgres.State == EmbeddedPostgresState.Running && postgres.ServerProcessId is { } pid && pid != killed);
        postgres.Port.Should().Be(port);
        states.Should().StartWith([EmbeddedPostgresState.Restarting, EmbeddedPostgresState.Running]);
        (await Sql.Scalar(postgres.ConnectionString, "SELECT text FROM notes")).Should().Be("kept");
    }

    [Fact]
    public async Task pooled_connections_work_again_after_a_restart()
    {
        await using var postgres = await Start();
        // Several idle connections in the pool, all of them to the server about to die.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Pooled(postgres.ConnectionString)));
        var killed = postgres.ServerProcessId!.Value;

        Kill(killed);
        await WaitUntil(() => postgres.State == EmbeddedPostgresState.Running && postgres.ServerProcessId != killed);

        for (var i = 0; i < 8; i++)
        {
            (await Pooled(postgres.ConnectionString)).Should().Be(1, "no connection to the dead server is handed out");
        }
    }

    [Fact]
    public async Task a_data_source_cleared_when_the_server_runs_again_hands_out_no_dead_connection()
    {
        await using var postgres = await Start();
        await using var pool = NpgsqlDataSource.Create(postgres.ConnectionString);
        postgres.StateChanged += (_, _) =>
        {
            if (postgres.State == EmbeddedPostgresState.Running)
            {
                pool.Clear();
            }
        };
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Query(pool)));
        var killed = postgres.ServerProcessId!.Value;

        Kill(killed);
        await WaitUntil(() => postgres.State == EmbeddedPostgresState.Running && postgres.ServerProcessId != killed);

        for (var i = 0; i < 8; i++)
        {
            (await Query(pool)).Should().Be(1, "no connection to the dead server is handed out");
        }
    }

    [Fact]
    public async Task a_stopped_server_is_not_started_again()
    {
        var postgres = await Start();
        var states = new ConcurrentQueue<EmbeddedPostgresState>();
        postgres.StateChanged += (_, _) => states.Enqueue(postgres.State);

        await postgres.StopAsync();
        // A few of the supervisor's looks.
        await Task.Delay(TimeSpan.FromSeconds(1));

        postgres.State.Should().Be(EmbeddedPostgresState.Stopped);
        states.Should().Equal(EmbeddedPostgresState.Stopped);
        File.Exists(Path.Combine(_folder.Options.DataDirectory, "postmaster.pid")).Should().BeFalse();
        Regex.Count(await File.ReadAllTextAsync(postgres.LogFile), "starting PostgreSQL").Should().Be(1);
    }

    [Fact]
    public async Task a_server_that_dies_while_stopping_is_not_started_again()
    {
        var postgres = await Start();
        var killed = postgres.ServerProcessId!.Value;

        var stopping = postgres.StopAsync();
        Kill(killed);
        await stopping;
        await Task.Delay(TimeSpan.FromSeconds(1));

        postgres.State.Should().Be(EmbeddedPostgresState.Stopped);
        Regex.Count(await File.ReadAllTextAsync(postgres.LogFile), "starting PostgreSQL").Should().Be(1);
    }

    private Task<EmbeddedPostgresServer> Start() => EmbeddedPostgresServer.StartAsync(_folder.Options, NullLogger.Instance);

    private static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    private static async Task<object?> Pooled(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> Query(NpgsqlDataSource pool)
    {
        await using var command = pool.CreateCommand("SELECT 1");
        return await command.ExecuteScalarAsync();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(RestartBound, "the supervisor starts a dead server again");
            await Task.Delay(50);
        }
    }
}
