using NodaTime;
using Obeya.Domain.Signals;
using Obeya.Domain.Tests.Tracks;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Signals;

/// <summary>A theme of customer signals: tallies an export gives, signals recorded one by one, and the way to a board and back.</summary>
public class SignalThemeTests : TrackSpecification
{
    private static readonly Guid ThemeId = Guid.NewGuid();
    private static readonly Guid Process = Guid.NewGuid();

    private static SignalTheme Theme(params object[] events) =>
        events.Aggregate(SignalTheme.From(new SignalThemeAdded(ThemeId, "Terugmelding zonder reden", By, Now)), (t, e) => t.With(e));

    private static SignalRecorded Recorded(Guid id, int count, Guid? process = null, string? description = "Klant begrijpt de terugmelding niet") =>
        SignalDecisions.Record(Theme(), new RecordSignal(id, Channel.Phone, Today, count, process, description), By, Now);

    [Fact]
    public void a_tally_is_one_signal_that_counts_its_number()
    {
        var theme = Theme(Recorded(Guid.NewGuid(), 38), Recorded(Guid.NewGuid(), 1));

        theme.Total.Should().Be(39);
        theme.Weekly().Should().ContainSingle().Which.Count.Should().Be(39);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(SignalDecisions.MaxCount + 1)]
    public void a_count_outside_one_to_the_maximum_is_refused(int count) =>
        Refuses(() => Recorded(Guid.NewGuid(), count), "count", Refusal.Invalid, $"number.between(1, {SignalDecisions.MaxCount})");

    [Fact]
    public void a_description_with_a_bsn_is_refused() =>
        Refuses(() => Recorded(Guid.NewGuid(), 1, description: "Klant 111222333 belde"), "description", Refusal.Invalid, "bsn.refused");

    [Fact]
    public void an_exports_count_of_a_day_and_channel_replaces_the_stored_one_so_the_same_file_twice_changes_nothing()
    {
        var monday = new LocalDate(2026, 3, 2);
        DayCount[] file = [new(monday, Channel.Phone, 38), new(monday, Channel.Web, 4)];
        var first = SignalDecisions.Tally(Theme(), file, By, Now)!;
        var theme = Theme(first);

        SignalDecisions.Tally(theme, file, By, Now).Should().BeNull();
        var corrected = SignalDecisions.Tally(theme, [new(monday, Channel.Phone, 40), new(monday, Channel.Web, 4)], By, Now)!;
        corrected.Tallies.Should().Equal(new DayCount(monday, Channel.Phone, 40));
        theme.With(corrected).Total.Should().Be(44);
    }

    [Fact]
    public void the_trend_compares_the_last_four_weeks_with_the_four_before()
    {
        IReadOnlyList<WeekCount> Series(params int[] counts) =>
            [.. counts.Select((c, i) => new WeekCount(new IsoWeek(2026, i + 1), new IsoWeek(2026, i + 1).Monday, c))];

        SignalTrend.Of(Series(10, 10, 10, 10, 20, 20, 20, 20)).Should().Be(TrendDirection.Rising);
        SignalTrend.Of(Series(20, 20, 20, 20, 10, 10, 10, 10)).Should().Be(TrendDirection.Falling);
        SignalTrend.Of(Series(10, 10, 10, 10, 11, 10, 9, 11)).Should().Be(TrendDirection.Steady);
        SignalTrend.Of(Series(10, 10, 10)).Should().BeNull();
    }

    [Fact]
    public void promoting_the_theme_puts_an_obstacle_on_the_board_that_says_where_it_came_from()
    {
        var theme = Theme(Recorded(Guid.NewGuid(), 30, Process), Recorded(Guid.NewGuid(), 7, Process));
        var obstacleId = Guid.NewGuid();

        var (promoted, obstacle) = SignalDecisions.Promote(
            theme, Given(), new PromoteSignals(obstacleId, [], null, Process, "Terugmelding door het re-integratiebedrijf"), By, Now);

        promoted.Signals.Should().Be(37);
        promoted.SignalIds.Should().BeEmpty();
        obstacle.Text.Should().Be("Terugmelding zonder reden");
        obstacle.Origin.Should().Be(new ObstacleOrigin(ThemeId, "Terugmelding zonder reden", 37, Process, "Terugmelding door het re-integratiebedrijf"));
        Given(obstacle).Obstacles.Single().Origin!.Signals.Should().Be(37);
    }

    [Fact]
    public void promoted_signals_show_the_way_back_when_the_obstacle_is_resolved()
    {
        var signal = Recorded(Guid.NewGuid(), 12, Process);
        var theme = Theme(signal, Recorded(Guid.NewGuid(), 5));
        var obstacleId = Guid.NewGuid();
        var (promoted, obstacle) = SignalDecisions.Promote(
            theme, Given(), new PromoteSignals(obstacleId, [signal.SignalId], "Reden ontbreekt in terugmelding", null, null), By, Now);
        theme = theme.With(promoted);
        var board = Given(obstacle);

        promoted.Signals.Should().Be(12);
        promoted.ProcessId.Should().Be(Process, "the chosen signals all concern it");
        theme.Signals.Single(s => s.Id == signal.SignalId).PromotionId.Should().Be(promoted.PromotionId);
        theme.Promotions.Single().OutcomeOn(board).Should().Be(new PromotionOutcome(ObstacleState.Open, null));

        var resolved = board.With(TrackDecisions.CloseObstacle(board, new CloseObstacle(obstacleId, "Reden is verplicht in het formulier"), true, By, Now));
        theme.Promotions.Single().OutcomeOn(resolved).Should().Be(new PromotionOutcome(ObstacleState.Resolved, "Reden is verplicht in het formulier"));
        theme.Promotions.Single().OutcomeOn(null).State.Should().BeNull();

        Refuses(() => SignalDecisions.Promote(theme, Given(), new PromoteSignals(Guid.NewGuid(), [signal.SignalId], null, null, null), By, Now),
            "signalIds[0]", Refusal.Conflict, "signals.alreadyPromoted");
    }

    [Fact]
    public void a_theme_without_signals_has_nothing_to_promote_and_a_closed_track_takes_no_obstacle()
    {
        Refuses(() => SignalDecisions.Promote(Theme(), Given(), new PromoteSignals(Guid.NewGuid(), [], null, null, null), By, Now),
            "signalIds", Refusal.Invalid, "signals.nothingToPromote");
        Refuses(() => SignalDecisions.Promote(Theme(), Given(), new PromoteSignals(Guid.NewGuid(), [Guid.NewGuid()], null, null, null), By, Now),
            "signalIds[0]", Refusal.NotFound, "signals.signalNotFound");
        var closed = Given(new TrackClosed(TrackId, TrackOutcome.Stopped, "Klaar", By, Now));
        FluentActions.Invoking(() => SignalDecisions.Promote(
                Theme(Recorded(Guid.NewGuid(), 3)), closed, new PromoteSignals(Guid.NewGuid(), [], null, null, null), By, Now))
            .Should().Throw<DomainException>().Which.Refusal.Should().Be(Refusal.Conflict);
    }

    [Fact]
    public void reporting_back_counts_in_the_share_and_happens_once()
    {
        var told = Recorded(Guid.NewGuid(), 3);
        var theme = Theme(told, Recorded(Guid.NewGuid(), 1));

        theme.ShareReportedBack.Should().Be(0m);
        var reported = SignalDecisions.ReportBack(theme, told.SignalId, "Teruggebeld", By, Now);
        theme = theme.With(reported);

        theme.ShareReportedBack.Should().Be(0.75m);
        Refuses(() => SignalDecisions.ReportBack(theme, told.SignalId, "Nog eens", By, Now), "signalId", Refusal.Conflict, "signals.alreadyReportedBack");
        Refuses(() => SignalDecisions.ReportBack(theme, Guid.NewGuid(), "Gebeld", By, Now), "signalId", Refusal.NotFound, "signals.signalNotFound");
        Theme().ShareReportedBack.Should().BeNull();
    }

    [Fact]
    public void theme_names_are_unique_whatever_their_case()
    {
        var themes = new[] { Theme() };

        Refuses(() => SignalDecisions.Add(Guid.NewGuid(), "terugmelding ZONDER reden", themes, By, Now), "name", Refusal.Conflict,
            "signals.themeNameTaken(terugmelding ZONDER reden)");
        SignalDecisions.Rename(themes[0], "Terugmelding zonder reden", themes, By, Now).Name.Should().Be("Terugmelding zonder reden");
    }
}
