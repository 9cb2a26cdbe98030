using NodaTime;
using Obeya.Domain.Teams;
using Obeya.Domain.WallScreens;

namespace Obeya.Domain.Tests.WallScreens;

/// <summary>Given a team with two tracks, when a wall screen is made or revoked, then events or a refusal.</summary>
public abstract class WallScreenSpecification
{
    protected static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    protected const string By = "Emmy";
    protected const string TokenHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    protected static readonly Guid ScreenId = Guid.NewGuid();
    protected static readonly Guid TrackA = Guid.NewGuid();
    protected static readonly Guid TrackB = Guid.NewGuid();

    protected static Team TeamWerk { get; } = Team.From(new TeamCreated(Guid.NewGuid(), "Team Werk", SessionCadence.Default, By, Now));

    protected static IReadOnlyCollection<Guid> TeamTracks { get; } = [TrackA, TrackB];

    protected static CreateWallScreen Command(string name = "Scherm teamkamer", IReadOnlyList<Guid>? trackIds = null, int? rotateSeconds = 60) =>
        new(ScreenId, name, trackIds ?? [TrackA, TrackB], rotateSeconds);

    protected static WallScreenCreated Create(CreateWallScreen command) =>
        WallScreenDecisions.Create(TeamWerk, TeamTracks, command, TokenHash, By, Now);

    protected static WallScreen Given() => WallScreen.From(Create(Command()));
}

public class MakingAWallScreen : WallScreenSpecification
{
    [Fact]
    public void a_wall_screen_shows_the_teams_tracks_in_the_order_asked_and_keeps_only_the_tokens_hash()
    {
        var created = Create(Command(" Scherm teamkamer ", [TrackB, TrackA], 30));

        created.Should().BeEquivalentTo(new WallScreenCreated(
            ScreenId, TeamWerk.Id, "Scherm teamkamer", [new WallBoard("track", TrackB), new WallBoard("track", TrackA)], 30, TokenHash, By, Now));
        created.Boards.Select(b => b.Id).Should().Equal(TrackB, TrackA);
    }

    [Fact]
    public void a_new_wall_screen_is_active_at_version_1()
    {
        var screen = Given();

        screen.Revoked.Should().BeFalse();
        screen.RevokedAt.Should().BeNull();
        screen.CreatedAt.Should().Be(Now);
        screen.TeamId.Should().Be(TeamWerk.Id);
        screen.TokenHash.Should().Be(TokenHash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(10)]
    [InlineData(3600)]
    public void rotation_is_off_or_between_10_seconds_and_an_hour(int? seconds) =>
        Create(Command(rotateSeconds: seconds)).RotateSeconds.Should().Be(seconds);

    [Theory]
    [InlineData(9)]
    [InlineData(0)]
    [InlineData(-10)]
    [InlineData(3601)]
    public void a_rotation_outside_10_seconds_to_an_hour_is_refused(int seconds) =>
        FluentActions.Invoking(() => Create(Command(rotateSeconds: seconds)))
            .Should().Throw<DomainException>().Where(e => e.Field == "rotateSeconds" && e.Refusal == Refusal.Invalid);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void a_wall_screen_needs_a_name(string name) =>
        FluentActions.Invoking(() => Create(Command(name)))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Message == "text.required");

    [Fact]
    public void a_name_with_a_bsn_is_refused() =>
        FluentActions.Invoking(() => Create(Command("Scherm van klant 123456782")))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void an_overlong_name_is_refused() =>
        FluentActions.Invoking(() => Create(Command(new string('x', Text.NameMaxLength + 1))))
            .Should().Throw<DomainException>().Where(e => e.Field == "name");

    [Fact]
    public void a_wall_screen_shows_at_least_one_board()
    {
        FluentActions.Invoking(() => Create(Command(trackIds: [])))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackIds" && e.Refusal == Refusal.Invalid);
        FluentActions.Invoking(() => Create(new CreateWallScreen(ScreenId, "Scherm", null, null)))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackIds");
    }

    [Fact]
    public void a_track_of_another_team_is_refused() =>
        FluentActions.Invoking(() => Create(Command(trackIds: [TrackA, Guid.NewGuid()])))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackIds" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void an_empty_track_id_is_refused() =>
        FluentActions.Invoking(() => Create(Command(trackIds: [Guid.Empty])))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackIds");

    [Fact]
    public void a_track_shown_twice_is_refused() =>
        FluentActions.Invoking(() => Create(Command(trackIds: [TrackA, TrackA])))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackIds");

    [Fact]
    public void a_team_without_tracks_cannot_show_one() =>
        FluentActions.Invoking(() => WallScreenDecisions.Create(TeamWerk, [], Command(trackIds: [TrackA]), TokenHash, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackIds");

    [Fact]
    public void an_empty_id_is_refused() =>
        FluentActions.Invoking(() => Create(Command() with { WallScreenId = Guid.Empty }))
            .Should().Throw<DomainException>().Where(e => e.Field == "id");

    [Fact]
    public void the_host_must_pass_a_token_hash() =>
        FluentActions.Invoking(() => WallScreenDecisions.Create(TeamWerk, TeamTracks, Command(), " ", By, Now))
            .Should().Throw<ArgumentException>();
}

public class RevokingAWallScreen : WallScreenSpecification
{
    private static readonly Instant Later = Now + Duration.FromDays(30);

    [Fact]
    public void a_revoked_wall_screen_says_when_and_stays_in_history()
    {
        var screen = Given();
        var revoked = WallScreenDecisions.Revoke(screen, "Sander", Later);

        revoked.Should().Be(new WallScreenRevoked(ScreenId, TeamWerk.Id, "Sander", Later));
        var after = screen.With(revoked);
        after.Revoked.Should().BeTrue();
        after.RevokedAt.Should().Be(Later);
        after.Name.Should().Be(screen.Name);
        after.Boards.Should().Equal(screen.Boards);
    }

    [Fact]
    public void a_wall_screen_is_revoked_only_once()
    {
        var screen = Given();
        screen = screen.With(WallScreenDecisions.Revoke(screen, By, Later));

        FluentActions.Invoking(() => WallScreenDecisions.Revoke(screen, By, Later))
            .Should().Throw<DomainException>().Where(e => e.Field == "wallScreenId" && e.Refusal == Refusal.Conflict);
    }

    [Fact]
    public void a_second_creation_is_not_an_event_of_an_existing_wall_screen() =>
        FluentActions.Invoking(() => Given().With(Create(Command())))
            .Should().Throw<ArgumentException>();
}

public class AnObeyaBoardOnAWall : WallScreenSpecification
{
    private static readonly Guid ProgrammeId = Guid.NewGuid();

    [Fact]
    public void a_screen_may_show_a_programmes_strategic_wall_alone_or_after_the_teams_boards()
    {
        var alone = WallScreenDecisions.Create(TeamWerk, TeamTracks, new CreateWallScreen(ScreenId, "Obeya-ruimte", [], 30, [ProgrammeId]), TokenHash, By, Now, [ProgrammeId]);
        var both = WallScreenDecisions.Create(TeamWerk, TeamTracks, new CreateWallScreen(ScreenId, "Gang", [TrackA], 30, [ProgrammeId]), TokenHash, By, Now, [ProgrammeId]);

        alone.Boards.Should().Equal(new WallBoard(WallBoard.Programme, ProgrammeId));
        both.Boards.Should().Equal(new WallBoard(WallBoard.Track, TrackA), new WallBoard(WallBoard.Programme, ProgrammeId));
    }

    [Fact]
    public void an_unknown_or_repeated_programme_is_refused_naming_the_field()
    {
        var unknown = () => WallScreenDecisions.Create(TeamWerk, TeamTracks, new CreateWallScreen(ScreenId, "Tv", [], null, [Guid.NewGuid()]), TokenHash, By, Now, [ProgrammeId]);
        var twice = () => WallScreenDecisions.Create(TeamWerk, TeamTracks, new CreateWallScreen(ScreenId, "Tv", [], null, [ProgrammeId, ProgrammeId]), TokenHash, By, Now, [ProgrammeId]);

        unknown.Should().Throw<DomainException>().Which.Field.Should().Be("programmeIds");
        twice.Should().Throw<DomainException>().Which.Field.Should().Be("programmeIds");
    }
}
