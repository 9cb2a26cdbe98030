namespace Obeya.EmbeddedPostgres;

/// <summary>Where an <see cref="EmbeddedPostgresServer"/> is: what a readiness probe reports.</summary>
public enum EmbeddedPostgresState
{
    /// <summary>The server runs and takes connections (or is busy recovering, which PostgreSQL says itself).</summary>
    Running,

    /// <summary>The server died; it is being started again on the same port, with growing pauses while that fails.</summary>
    Restarting,

    /// <summary>Stopped by <see cref="EmbeddedPostgresServer.StopAsync"/>; it stays stopped.</summary>
    Stopped,
}
