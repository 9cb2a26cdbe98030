using NodaTime;
using Obeya.Domain.Processes;

namespace Obeya.Domain.Tests.Processes;

/// <summary>The process catalogue's rules: one current-state map, tracks at drawn steps, and every map as it was.</summary>
public class ProcessTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 8, 0);
    private const string By = "Emmy";

    private static Process Invordering(out ProcessAdded added)
    {
        added = ProcessDecisions.Add(new AddProcess(Guid.NewGuid(), "Invordering", Guid.NewGuid(), "Inwoner met een aanslag",
            "Een inwoner wil geen aanmaning, maar weten wat hij moet betalen en wanneer"), By, Monday);
        return Process.From(added);
    }

    /// <summary>As the API draws: a map not there yet is new, one that is is drawn again.</summary>
    private static ValueStreamMapDrawn Draw(Process process, DrawValueStreamMap command, Actor by, Instant at) =>
        ProcessDecisions.Draw(process, command, isNew: process.Maps.All(m => m.Id != command.MapId), by, at);

    private static ValueStreamStep Step(string name, Guid? id = null) => new(id ?? Guid.NewGuid(), name, "Belastingen", 10, 60, 90);

    [Fact]
    public void a_process_is_named_and_owned_by_a_team()
    {
        var process = Invordering(out _);
        process.Should().BeEquivalentTo(new { Name = "Invordering", Mapped = false, BeingImproved = false });

        FluentActions.Invoking(() => ProcessDecisions.Add(new AddProcess(Guid.NewGuid(), " ", Guid.NewGuid(), null, null), By, Monday))
            .Should().Throw<DomainException>().Which.Field.Should().Be("name");
        FluentActions.Invoking(() => ProcessDecisions.Add(new AddProcess(Guid.Empty, "Paspoort", Guid.NewGuid(), null, null), By, Monday))
            .Should().Throw<DomainException>().Which.Field.Should().Be("id");
        FluentActions.Invoking(() => ProcessDecisions.Add(new AddProcess(Guid.NewGuid(), "Paspoort", Guid.Empty, null, null), By, Monday))
            .Should().Throw<DomainException>().Which.Field.Should().Be("teamId");
        process.With(ProcessDecisions.Describe(process, new DescribeProcess("Invordering belastingen", "Inwoner", null), By, Monday))
            .Should().BeEquivalentTo(new { Name = "Invordering belastingen", Customer = "Inwoner", QuestionBehind = (string?)null });
    }

    [Fact]
    public void one_current_state_map_drawn_again_by_its_id_and_any_number_of_future_ones()
    {
        var process = Invordering(out _);
        var now = Guid.NewGuid();
        process = process.With(Draw(process, new DrawValueStreamMap(now, MapState.Current, "Zo gaat het nu", 120, [Step("Aanslag"), Step("Aanmaning")]), By, Monday));
        process.Mapped.Should().BeTrue();

        FluentActions.Invoking(() => Draw(process, new DrawValueStreamMap(Guid.NewGuid(), MapState.Current, "Nog een", 120, []), By, Monday))
            .Should().Throw<DomainException>().Which.Should().BeEquivalentTo(new { Field = "state", Refusal = Refusal.Conflict });

        process = process.With(Draw(process, new DrawValueStreamMap(now, MapState.Current, "Zo gaat het nu", 140, [Step("Aanslag")]), By, Monday));
        process = process.With(Draw(process, new DrawValueStreamMap(Guid.NewGuid(), MapState.Future, "Zonder aanmaning", 140, [Step("Aanslag")]), By, Monday));
        process.Maps.Should().HaveCount(2);
        process.CurrentMap!.DemandPerWeek.Should().Be(140);
        FluentActions.Invoking(() => Draw(process, new DrawValueStreamMap(now, MapState.Current, "Zo gaat het nu", -1, []), By, Monday))
            .Should().Throw<DomainException>().Which.Field.Should().Be("demandPerWeek");
        FluentActions.Invoking(() => ProcessDecisions.Draw(process, new DrawValueStreamMap(Guid.NewGuid(), MapState.Future, "Weg", 1, []), isNew: false, By, Monday))
            .Should().Throw<DomainException>().Which.Should().BeEquivalentTo(new { Field = "mapId", Refusal = Refusal.NotFound });
        FluentActions.Invoking(() => ProcessDecisions.Draw(process, new DrawValueStreamMap(now, MapState.Future, "Dubbel", 1, []), isNew: true, By, Monday))
            .Should().Throw<DomainException>().Which.Should().BeEquivalentTo(new { Field = "id", Refusal = Refusal.Conflict });
    }

    [Fact]
    public void a_track_is_linked_to_a_drawn_step_and_that_step_stays_while_it_works_on_it()
    {
        var process = Invordering(out _);
        var (map, reminder, track) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        process = process.With(Draw(process, new DrawValueStreamMap(map, MapState.Current, "Nu", 120, [Step("Aanslag"), Step("Aanmaning", reminder)]), By, Monday));

        FluentActions.Invoking(() => ProcessDecisions.LinkTrack(process, track, Guid.NewGuid(), By, Monday))
            .Should().Throw<DomainException>().Which.Field.Should().Be("stepId");
        process = process.With(ProcessDecisions.LinkTrack(process, track, reminder, By, Monday));
        process.BeingImproved.Should().BeTrue();

        FluentActions.Invoking(() => Draw(process, new DrawValueStreamMap(map, MapState.Current, "Nu", 120, [Step("Aanslag")]), By, Monday))
            .Should().Throw<DomainException>().Which.Field.Should().Be("steps");
        process = process.With(ProcessDecisions.UnlinkTrack(process, track, By, Monday));
        process.With(Draw(process, new DrawValueStreamMap(map, MapState.Current, "Nu", 120, [Step("Aanslag")]), By, Monday))
            .CurrentMap!.Steps.Should().ContainSingle();
        // Unlinked already: a conflict; never linked: not found.
        FluentActions.Invoking(() => ProcessDecisions.UnlinkTrack(process, track, By, Monday))
            .Should().Throw<DomainException>().Which.Should().BeEquivalentTo(new { Field = "linkedTrackId", Refusal = Refusal.Conflict });
        FluentActions.Invoking(() => ProcessDecisions.UnlinkTrack(process, Guid.NewGuid(), By, Monday))
            .Should().Throw<DomainException>().Which.Refusal.Should().Be(Refusal.NotFound);
    }

    [Fact]
    public void a_map_is_seen_as_it_was_on_any_date()
    {
        var process = Invordering(out var added);
        var map = Guid.NewGuid();
        var first = Draw(process, new DrawValueStreamMap(map, MapState.Current, "Nu", 100, [Step("Aanslag"), Step("Aanmaning")]), By, Monday);
        process = process.With(first);
        var second = Draw(process, new DrawValueStreamMap(map, MapState.Current, "Nu", 100, [Step("Aanslag")]), By, Monday.Plus(Duration.FromDays(7)));
        object[] events = [added, first, second];

        Process.AsOf(events, Monday.Minus(Duration.FromDays(1))).Should().BeNull();
        Process.AsOf(events, Monday.Plus(Duration.FromDays(3)))!.CurrentMap!.Steps.Should().HaveCount(2);
        Process.AsOf(events, Monday.Plus(Duration.FromDays(7)))!.CurrentMap!.Steps.Should().HaveCount(1);
        Process.AsOf(events, Monday.Plus(Duration.FromDays(7)))!.LastChangedAt.Should().Be(Monday.Plus(Duration.FromDays(7)));
    }
}
