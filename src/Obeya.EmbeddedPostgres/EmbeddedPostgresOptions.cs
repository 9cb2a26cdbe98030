namespace Obeya.EmbeddedPostgres;

/// <summary>Where the embedded PostgreSQL server keeps its cluster, and which database it serves.</summary>
/// <param name="DataDirectory">
/// The cluster folder. Made absolute; the lock, password and log files live beside it
/// (<c>&lt;DataDirectory&gt;.lock</c>, <c>.password</c>, <c>.log</c>).
/// </param>
/// <param name="Database">The database behind <see cref="EmbeddedPostgresServer.ConnectionString"/>, created if missing.</param>
public sealed record EmbeddedPostgresOptions(string DataDirectory, string Database = "obeya")
{
    /// <summary>
    /// Run as root, the server runs as the postgres user; when that user cannot reach <see cref="DataDirectory"/>
    /// (it lies under /root, say), a new cluster is kept in a folder named after it under this one instead, and a note
    /// beside <see cref="DataDirectory"/> says where. <see cref="EmbeddedPostgresServer.DataDirectory"/> tells which was used.
    /// </summary>
    public string ReachableRoot { get; init; } = DataFolderChoice.DefaultReachableRoot;

    /// <summary>
    /// How many connections the server accepts at once; null keeps PostgreSQL's own default (100). A test run that
    /// starts many hosts beside each other, each with its own pool, needs more.
    /// </summary>
    public int? MaxConnections { get; init; }
}
