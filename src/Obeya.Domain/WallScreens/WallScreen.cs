using NodaTime;

namespace Obeya.Domain.WallScreens;

/// <summary>
/// One board a wall screen shows: a team's storyboard ("track") or a programme's strategic wall ("programme").
/// </summary>
public sealed record WallBoard(string Kind, Guid Id)
{
    public const string Track = "track";

    public const string Programme = "programme";
}

/// <summary>
/// Only the SHA-256 of the link's token is kept: the token itself is shown once to whoever made the screen.
/// </summary>
public sealed record WallScreenCreated(
    Guid WallScreenId, Guid TeamId, string Name, IReadOnlyList<WallBoard> Boards, int? RotateSeconds, string TokenHash,
    Actor By, Instant At) : IFact;

public sealed record WallScreenRevoked(Guid WallScreenId, Guid TeamId, Actor By, Instant At) : IFact;

/// <summary>
/// A TV in a team room that shows the team's boards, opened by a secret link without a login. Revoked, the link
/// stops working; the screen stays in history. <see cref="Revoked"/> is a plain bool so a lookup can filter on it.
/// </summary>
public sealed record WallScreen(
    Guid Id,
    Guid TeamId,
    string Name,
    IReadOnlyList<WallBoard> Boards,
    int? RotateSeconds,
    string TokenHash,
    bool Revoked,
    Instant CreatedAt,
    Instant? RevokedAt)
{
    public static WallScreen From(WallScreenCreated e) =>
        new(e.WallScreenId, e.TeamId, e.Name, e.Boards, e.RotateSeconds, e.TokenHash, Revoked: false, e.At, RevokedAt: null);

    private WallScreen With(WallScreenRevoked e) => this with { Revoked = true, RevokedAt = e.At };

    /// <summary>Applies any wall screen event after the first.</summary>
    public WallScreen With(object e) => Dispatch(e);

    private WallScreen Dispatch(object e) => e switch
    {
        WallScreenRevoked x => With(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of an existing wall screen.", nameof(e)),
    };
}
