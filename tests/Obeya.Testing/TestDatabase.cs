using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Obeya.EmbeddedPostgres;

namespace Obeya.Testing;

/// <summary>
/// One real PostgreSQL per test run (the app's own embedded starter under a temp folder, or the server
/// named by OBEYA_TEST_POSTGRES), and a fresh database for each test class that asks.
/// </summary>
public static class TestDatabase
{
    public const string ServerVariable = "OBEYA_TEST_POSTGRES";

    private static readonly Lazy<Task<Func<string, Task<string>>>> Server = new(StartAsync);

    /// <summary>A connection string to a new, empty database named after <paramref name="owner"/>.</summary>
    public static async Task<string> CreateAsync(string owner)
    {
        var create = await Server.Value;
        var name = $"t_{new string([.. owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)])}";
        return await create(name[..Math.Min(name.Length, 40)] + "_" + Guid.NewGuid().ToString("N")[..8]);
    }

    private static async Task<Func<string, Task<string>>> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } external)
        {
            return name => CreateOn(external, name);
        }

        var folder = Path.Combine(Path.GetTempPath(), "obeya-tests", Guid.NewGuid().ToString("N")[..12], "pg");
        // Test classes run beside each other, each host with its own pool: room for many more than PostgreSQL's 100.
        var postgres = await EmbeddedPostgresServer.StartAsync(new EmbeddedPostgresOptions(folder) { MaxConnections = 400 }, NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            postgres.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        };
        return async name =>
        {
            await postgres.CreateDatabaseAsync(name);
            return postgres.ConnectionStringFor(name);
        };
    }

    private static async Task<string> CreateOn(string serverConnectionString, string name)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }
}
