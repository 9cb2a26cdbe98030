namespace Obeya.EmbeddedPostgres;

/// <summary>
/// The embedded PostgreSQL server could not be started or stopped.
/// The message says what is wrong and what to do about it; it is meant for the person running Obeya.
/// </summary>
public sealed class EmbeddedPostgresException : Exception
{
    public EmbeddedPostgresException()
    {
    }

    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }

    public EmbeddedPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Quoted tool output or an inner message as one sentence, so the advice after it reads well.</summary>
    internal static string Sentence(string text)
    {
        var trimmed = text.Trim().TrimEnd('.');
        return trimmed.Length == 0 ? "(no output)." : trimmed + ".";
    }
}
