using Obeya.Domain.Programmes;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

public class RenamingAndClosingATrack : TrackSpecification
{
    [Fact]
    public void a_track_is_renamed_as_a_one_line_name()
    {
        var renamed = TrackDecisions.Rename(Given(), new RenameTrack("  Klantgesprek  "), By, Now);

        renamed.Should().Be(new TrackRenamed(TrackId, "Klantgesprek", By, Now));
        Given(renamed).Title.Should().Be("Klantgesprek");
    }

    [Fact]
    public void a_title_needs_text() =>
        Refuses(() => TrackDecisions.Rename(Given(), new RenameTrack(" "), By, Now), "title", Refusal.Invalid, "text.required");

    [Fact]
    public void a_track_closes_with_its_outcome_and_a_note_and_stays_readable()
    {
        var obstacle = Guid.NewGuid();
        var closed = TrackDecisions.Close(Given(Obstacle(obstacle)), new CloseTrack(TrackOutcome.ChallengeMet, " 82% ervaart het gesprek als helpend "), By, Now);

        closed.Should().Be(new TrackClosed(TrackId, TrackOutcome.ChallengeMet, "82% ervaart het gesprek als helpend", By, Now));
        var board = Given(Obstacle(obstacle), closed);
        board.IsClosed.Should().BeTrue();
        board.Closure.Should().Be(new TrackClosure(TrackOutcome.ChallengeMet, "82% ervaart het gesprek als helpend", Now));
        board.Obstacles.Should().ContainSingle(o => o.Id == obstacle);
    }

    [Fact]
    public void closing_needs_an_outcome_and_a_note()
    {
        Refuses(() => TrackDecisions.Close(Given(), new CloseTrack(null, "Klaar"), By, Now), "outcome", Refusal.Invalid,
            "track.chooseOutcome");
        Refuses(() => TrackDecisions.Close(Given(), new CloseTrack((TrackOutcome)9, "Klaar"), By, Now), "outcome", Refusal.Invalid,
            "track.chooseOutcome");
        FluentActions.Invoking(() => TrackDecisions.Close(Given(), new CloseTrack(TrackOutcome.Stopped, ""), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "note" && e.Refusal == Refusal.Invalid);
    }

    [Fact]
    public void a_closed_track_refuses_every_change_naming_the_track()
    {
        var board = Given(new TrackClosed(TrackId, TrackOutcome.Stopped, "Een ander traject neemt het over", By, Now));
        const string Message = "track.closedStopped";

        Refuses(() => TrackDecisions.AddObstacle(board, new AddObstacle(Guid.NewGuid(), "Wachttijd"), By, Now), "trackId", Refusal.Conflict, Message);
        Refuses(() => TrackDecisions.RephraseChallenge(board, new RephraseChallenge("Nieuw"), By, Now), "trackId", Refusal.Conflict, Message);
        Refuses(() => TrackDecisions.Rename(board, new RenameTrack("Nieuw"), By, Now), "trackId", Refusal.Conflict, Message);
        Refuses(() => TrackDecisions.Close(board, new CloseTrack(TrackOutcome.Stopped, "Nogmaals"), By, Now), "trackId", Refusal.Conflict, Message);
        Refuses(() => TrackDecisions.FinishSmallStep(board, new FinishSmallStep(Guid.NewGuid()), By, Now), "trackId", Refusal.Conflict, Message);
    }

    [Fact]
    public void a_closed_track_is_neither_linked_nor_escalated_in_the_obeya()
    {
        var obstacle = Guid.NewGuid();
        var board = Given(Obstacle(obstacle), new TrackClosed(TrackId, TrackOutcome.ChallengeMet, "Bereikt", By, Now));
        var programme = Programme.From(new ProgrammeStarted(Guid.NewGuid(), "Transformatie", By, Now));
        var transition = Guid.NewGuid();
        var tactical = Guid.NewGuid();
        programme = programme
            .With(new TransitionGoalAdded(programme.Id, transition, "Publieke dienstverlener", "Pieter", Today.PlusDays(300), By, Now))
            .With(new TacticalGoalAdded(programme.Id, tactical, transition, "Klant binnen 3 maanden aan het werk", "Pieter", Today.PlusDays(90), By, Now));

        FluentActions.Invoking(() => ProgrammeDecisions.LinkTrack(programme, tactical, board, By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackId" && e.Refusal == Refusal.Conflict);
        FluentActions.Invoking(() => ProgrammeDecisions.Escalate(programme, board, new EscalateObstacle(Guid.NewGuid(), tactical, obstacle, "Pieter", null), By, Now))
            .Should().Throw<DomainException>().Where(e => e.Field == "trackId" && e.Refusal == Refusal.Conflict);
    }

    [Fact]
    public void history_tells_renaming_and_closing()
    {
        var history = TrackHistory.Of(
        [
            Started,
            new TrackRenamed(TrackId, "Klantgesprek", By, Now),
            new TrackClosed(TrackId, TrackOutcome.ChallengeMet, "82% ervaart het gesprek als helpend", By, Now),
        ]);

        history.Select(h => h.Action).Skip(1).Should().Equal(
            Phrase.Of("history.track.renamed", "Kwaliteit van het klantgesprek", "Klantgesprek"),
            Phrase.Of("history.track.closed", Phrase.Of("history.track.outcome.challengeMet"), "82% ervaart het gesprek als helpend"));
    }

    [Fact]
    public void the_past_view_before_closing_is_open() =>
        TrackHistory.AsOf([Started, new TrackClosed(TrackId, TrackOutcome.Stopped, "Gestopt", By, Now + NodaTime.Duration.FromDays(2))], Now + NodaTime.Duration.FromDays(1))!
            .IsClosed.Should().BeFalse();
}
