using NodaTime;
using Obeya.Domain.Teams;

namespace Obeya.Domain.WallScreens;

/// <summary>
/// What a team asks for: a named screen showing some of its tracks, rotating between them or not.
/// Tracks are named as the API names them; the event keeps them as general <see cref="WallBoard"/>s.
/// </summary>
public sealed record CreateWallScreen(Guid WallScreenId, string Name, IReadOnlyList<Guid>? TrackIds, int? RotateSeconds, IReadOnlyList<Guid>? ProgrammeIds = null);

/// <summary>Pure decisions for a wall screen: state and command in, events out, or a <see cref="DomainException"/>.</summary>
public static class WallScreenDecisions
{
    public const int MinRotateSeconds = 10;
    public const int MaxRotateSeconds = 3600;

    /// <summary>
    /// <paramref name="teamTrackIds"/> are the ids of the team's own tracks: a wall screen only ever shows its team's boards.
    /// The token is made and hashed by the host; the domain only ever sees the hash.
    /// </summary>
    /// <param name="programmeIds">The programmes there are: a screen in the Obeya room (or a team room) may also show
    /// a programme's strategic wall, which everyone signed in may read anyway.</param>
    public static WallScreenCreated Create(
        Team team, IReadOnlyCollection<Guid> teamTrackIds, CreateWallScreen command, string tokenHash, Actor by, Instant now,
        IReadOnlyCollection<Guid>? programmeIds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        if (command.WallScreenId == Guid.Empty)
        {
            throw new DomainException("id", Phrase.Of("id.empty"));
        }

        var name = Text.Name("name", command.Name);
        var boards = Boards(teamTrackIds, command.TrackIds, programmeIds ?? [], command.ProgrammeIds ?? []);
        if (command.RotateSeconds is < MinRotateSeconds or > MaxRotateSeconds)
        {
            throw new DomainException("rotateSeconds", Phrase.Of("wallScreen.rotateSeconds", MinRotateSeconds, MaxRotateSeconds));
        }

        return new WallScreenCreated(command.WallScreenId, team.Id, name, boards, command.RotateSeconds, tokenHash, by, now);
    }

    /// <summary>Revoking twice is refused rather than ignored, so a client learns the link was already dead.</summary>
    public static WallScreenRevoked Revoke(WallScreen screen, Actor by, Instant now) =>
        screen.Revoked
            ? throw DomainException.Conflict("wallScreenId", Phrase.Of("wallScreen.revoked"))
            : new WallScreenRevoked(screen.Id, screen.TeamId, by, now);

    private static List<WallBoard> Boards(
        IReadOnlyCollection<Guid> teamTrackIds, IReadOnlyList<Guid>? trackIds, IReadOnlyCollection<Guid> knownProgrammes, IReadOnlyList<Guid> programmeIds)
    {
        trackIds ??= [];
        if (trackIds.Count == 0 && programmeIds.Count == 0)
        {
            throw new DomainException("trackIds", Phrase.Of("wallScreen.chooseTrack"));
        }

        if (programmeIds.Distinct().Count() != programmeIds.Count || programmeIds.Any(id => !knownProgrammes.Contains(id)))
        {
            throw new DomainException("programmeIds", Phrase.Of("wallScreen.programmeOnce"));
        }

        if (trackIds.Distinct().Count() != trackIds.Count)
        {
            throw new DomainException("trackIds", Phrase.Of("wallScreen.trackOnce"));
        }

        if (trackIds.Any(id => !teamTrackIds.Contains(id)))
        {
            throw new DomainException("trackIds", Phrase.Of("wallScreen.ownTeamOnly"));
        }

        return [.. trackIds.Select(id => new WallBoard(WallBoard.Track, id)), .. programmeIds.Select(id => new WallBoard(WallBoard.Programme, id))];
    }
}
