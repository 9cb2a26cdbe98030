using System.Runtime.Versioning;
using Npgsql;

namespace Obeya.EmbeddedPostgres.Tests;

/// <summary>A data folder of its own (and so a server of its own) per test, under /tmp.</summary>
[UnsupportedOSPlatform("windows")]
internal sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        // /tmp rather than a 0700 temp folder: as root the server runs as the postgres user, which must reach it.
        Root = Path.Combine("/tmp", "obeya-pg-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        Options = new EmbeddedPostgresOptions(Path.Combine(Root, "pg"));
    }

    public string Root { get; }

    public EmbeddedPostgresOptions Options { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

internal static class Sql
{
    public static async Task Execute(string connectionString, string sql)
    {
        await using var connection = await Open(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = await Open(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    // Unpooled: no pooled connection outlives the server it points at.
    private static async Task<NpgsqlConnection> Open(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
