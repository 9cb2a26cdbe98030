namespace Obeya.Domain;

/// <summary>What kind of refusal a domain rule makes; the host maps it to an HTTP status.</summary>
public enum Refusal
{
    /// <summary>The input breaks a rule (400).</summary>
    Invalid,
    /// <summary>Something the command names does not exist (404).</summary>
    NotFound,
    /// <summary>The input is fine but the board's current state does not allow it (409).</summary>
    Conflict,
    /// <summary>Nobody is signed in, and this needs someone who is (401).</summary>
    NotSignedIn,
    /// <summary>The one who asks may not do this (403).</summary>
    NotAllowed,
}

/// <summary>
/// A domain rule refused a command. <see cref="Field"/> names the input it concerns (camelCase, as the API calls it);
/// <see cref="Says"/> is why, as a phrase the web layer words for the person at the board.
/// </summary>
public sealed class DomainException(string field, Phrase says, Refusal refusal = Refusal.Invalid)
    : Exception(says.ToString())
{
    public string Field { get; } = field;
    public Refusal Refusal { get; } = refusal;
    public Phrase Says { get; } = says;

    public static DomainException NotFound(string field, Phrase says) => new(field, says, Refusal.NotFound);
    public static DomainException Conflict(string field, Phrase says) => new(field, says, Refusal.Conflict);

    public static DomainException NotSignedIn() => new("access", Phrase.Of("access.signInFirst"), Refusal.NotSignedIn);

    public static DomainException NotAllowed(Phrase says) => new("access", says, Refusal.NotAllowed);
}
