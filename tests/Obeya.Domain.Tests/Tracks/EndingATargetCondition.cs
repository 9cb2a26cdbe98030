using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

public class EndingATargetCondition : TrackSpecification
{
    private static readonly Guid ConditionId = Guid.NewGuid();
    private static readonly Instant Later = Now.Plus(Duration.FromDays(28));

    private static TargetConditionSet ConditionSet(Guid id, string description = "Elke verwijzing met klantbeeld") =>
        new(TrackId, id, description, Today.PlusWeeks(4), [new MetricTarget(MetricId, 50m)], By, Now);

    private static Track WithActiveCondition() => Given(MetricDefined, ConditionSet(ConditionId));

    private static object End(Track track, Guid id, string reason, bool reached) =>
        TrackDecisions.EndTargetCondition(track, new EndTargetCondition(id, reason), reached, By, Later);

    [Fact]
    public void the_active_target_condition_is_reached_with_a_reason()
    {
        var track = WithActiveCondition();

        var ended = End(track, ConditionId, "  52% teruggemeld in week 51 ", reached: true);

        ended.Should().Be(new TargetConditionReached(TrackId, ConditionId, "52% teruggemeld in week 51", By, Later));
        var condition = track.With(ended).TargetConditions.Single();
        condition.State.Should().Be(TargetConditionState.Reached);
        condition.EndReason.Should().Be("52% teruggemeld in week 51");
        condition.EndedAt.Should().Be(Later);
        track.With(ended).ActiveTargetCondition.Should().BeNull();
    }

    [Fact]
    public void the_active_target_condition_is_dropped_with_a_reason()
    {
        var track = WithActiveCondition();

        var ended = End(track, ConditionId, "Re-integratiebedrijf stopt per januari", reached: false);

        ended.Should().Be(new TargetConditionDropped(TrackId, ConditionId, "Re-integratiebedrijf stopt per januari", By, Later));
        var condition = track.With(ended).TargetConditions.Single();
        condition.State.Should().Be(TargetConditionState.Dropped);
        condition.EndReason.Should().Be("Re-integratiebedrijf stopt per januari");
        track.With(ended).ActiveTargetCondition.Should().BeNull();
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(true, "")]
    [InlineData(false, "   ")]
    [InlineData(false, null)]
    public void ending_a_target_condition_needs_a_reason(bool reached, string? reason) =>
        Refuses(() => End(WithActiveCondition(), ConditionId, reason!, reached), "reason", Refusal.Invalid, "text.required");

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void a_closed_target_condition_cannot_be_closed_again(bool firstReached, bool thenReached)
    {
        var track = WithActiveCondition();
        track = track.With(End(track, ConditionId, "Eerste keer", firstReached));

        Refuses(() => End(track, ConditionId, "Tweede keer", thenReached), "targetConditionId", Refusal.Conflict, "track.targetConditionEnded");
        track.TargetConditions.Single().EndReason.Should().Be("Eerste keer");
    }

    [Fact]
    public void only_the_active_target_condition_can_be_ended_not_one_from_history()
    {
        var old = Guid.NewGuid();
        var track = Given(
            MetricDefined,
            ConditionSet(old, "Oude doeltoestand"),
            new TargetConditionDropped(TrackId, old, "Te ambitieus", By, Now),
            ConditionSet(ConditionId));

        Refuses(() => End(track, old, "Toch bereikt", reached: true), "targetConditionId", Refusal.Conflict, "track.targetConditionEnded");
        End(track, ConditionId, "Bereikt", reached: true).Should().BeOfType<TargetConditionReached>()
            .Which.TargetConditionId.Should().Be(ConditionId);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void an_unknown_target_condition_is_not_found(bool reached) =>
        Refuses(() => End(WithActiveCondition(), Guid.NewGuid(), "Bereikt", reached), "targetConditionId", Refusal.NotFound, "track.targetConditionNotFound");

    [Theory]
    [InlineData(true, TargetConditionState.Reached)]
    [InlineData(false, TargetConditionState.Dropped)]
    public void after_ending_a_new_target_condition_can_be_set_and_the_old_one_stays_in_history(bool reached, TargetConditionState endedAs)
    {
        var next = Guid.NewGuid();
        var track = WithActiveCondition();
        track = track.With(End(track, ConditionId, "Afgerond", reached));

        track = track.With(TrackDecisions.SetTargetCondition(
            track, new SetTargetCondition(next, "Elke klant binnen 2 weken gesproken", Today.PlusWeeks(8), [new MetricTarget(MetricId, 70m)]),
            By, Later, Amsterdam));

        track.TargetConditions.Select(t => (t.Id, t.State, t.EndReason)).Should().Equal(
            (ConditionId, endedAs, "Afgerond"),
            (next, TargetConditionState.Active, (string?)null));
        track.ActiveTargetCondition!.Id.Should().Be(next);
    }
}
