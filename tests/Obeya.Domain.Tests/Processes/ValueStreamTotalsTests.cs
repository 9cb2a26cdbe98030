using CsCheck;
using Obeya.Domain.Processes;

namespace Obeya.Domain.Tests.Processes;

/// <summary>A map's totals on hand-made value streams, as a team would draw them on paper first.</summary>
public class ValueStreamTotalsTests
{
    private static ValueStreamStep Step(string name, int process, int wait, decimal right = 100, Guid? reworkTo = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), name, "KCC", process, wait, right, reworkTo);

    [Fact]
    public void a_stream_without_rework_adds_its_waits_and_its_work_and_multiplies_its_shares()
    {
        // Aanvraag bijstand: intake 30 min after 2 days, check 45 min after 3 days, decision 20 min after 1 day.
        var totals = ValueStreamTotals.Of([Step("Intake", 30, 2 * 1440, 90), Step("Controle", 45, 3 * 1440, 80), Step("Besluit", 20, 1440, 95)]);

        totals.ProcessMinutes.Should().Be(95);
        totals.LeadMinutes.Should().Be(6 * 1440 + 95);
        totals.FlowEfficiency.Should().Be(Math.Round(95m / (6 * 1440 + 95), 4));
        totals.RolledFirstTimeRight.Should().Be(0.684m, "0.9 × 0.8 × 0.95");
        totals.ExpectedLeadMinutesWithRework.Should().Be(totals.LeadMinutes, "no step sends anything back");
    }

    [Fact]
    public void a_step_without_waiting_time_adds_only_its_work()
    {
        var totals = ValueStreamTotals.Of([Step("Aanmelden", 10, 0), Step("Terugbellen", 15, 0)]);

        (totals.LeadMinutes, totals.ProcessMinutes, totals.FlowEfficiency).Should().Be((25L, 25L, 1m));
    }

    [Fact]
    public void rework_walks_the_stretch_it_goes_back_over_one_over_the_share_right_times()
    {
        var intake = Guid.NewGuid();
        // The check finds half the files incomplete and sends them back to the intake: intake and check, waits included,
        // are walked twice on average (1 / 0.5).
        var totals = ValueStreamTotals.Of([Step("Intake", 30, 60, id: intake), Step("Controle", 20, 100, 50, reworkTo: intake), Step("Besluit", 10, 30)]);

        totals.LeadMinutes.Should().Be(250);
        totals.ExpectedLeadMinutesWithRework.Should().Be(250 + (60 + 30 + 100 + 20));
        totals.RolledFirstTimeRight.Should().Be(0.5m);

        // A step that gets nothing right would send its cases round for ever: no expected lead time, said as such.
        ValueStreamTotals.Of([Step("Intake", 30, 60, id: intake), Step("Controle", 20, 100, 0, reworkTo: intake)]).ExpectedLeadMinutesWithRework.Should().BeNull();
    }

    [Fact]
    public void an_empty_map_has_no_flow_efficiency_and_everything_right()
    {
        var totals = ValueStreamTotals.Of([]);

        (totals.LeadMinutes, totals.ProcessMinutes, totals.FlowEfficiency, totals.RolledFirstTimeRight).Should().Be((0L, 0L, (decimal?)null, 1m));
    }

    [Fact]
    public void rework_only_goes_back_and_every_step_is_checked_by_its_place()
    {
        var later = Guid.NewGuid();
        FluentActions.Invoking(() => ValueStreamSteps.Validated([Step("Intake", 30, 0, 90, reworkTo: later), Step("Besluit", 10, 0, id: later)]))
            .Should().Throw<DomainException>().Which.Field.Should().Be("steps[0].reworkTo");
        FluentActions.Invoking(() => ValueStreamSteps.Validated([Step("Intake", 30, 0), Step("Besluit", -1, 0)]))
            .Should().Throw<DomainException>().Which.Field.Should().Be("steps[1].processMinutes");
        FluentActions.Invoking(() => ValueStreamSteps.Validated([Step("Intake", 30, 0, 100.5m)]))
            .Should().Throw<DomainException>().Which.Field.Should().Be("steps[0].firstTimeRightPercent");
        var self = Guid.NewGuid();
        ValueStreamSteps.Validated([Step("Controle", 30, 0, 70, reworkTo: self, id: self)]).Should().ContainSingle();
    }

    [Fact]
    public void whatever_a_valid_map_holds_its_totals_stay_in_range()
    {
        var step = Gen.Select(Gen.Int[0, ValueStreamStep.MaxMinutes], Gen.Int[0, ValueStreamStep.MaxMinutes], Gen.Int[0, 100],
            (work, wait, right) => (work, wait, right));
        step.Array[0, ValueStreamSteps.MaxSteps].Sample(drawn =>
        {
            var steps = new List<ValueStreamStep>();
            foreach (var (work, wait, right) in drawn)
            {
                var id = Guid.NewGuid();
                steps.Add(new ValueStreamStep(id, "Stap", "Team", work, wait, right, steps.Count == 0 ? id : steps[0].Id));
            }

            var totals = ValueStreamTotals.Of(ValueStreamSteps.Validated(steps));
            totals.ProcessMinutes.Should().BeLessThanOrEqualTo(totals.LeadMinutes);
            totals.FlowEfficiency.GetValueOrDefault().Should().BeInRange(0, 1);
            totals.RolledFirstTimeRight.Should().BeInRange(0, 1);
            if (totals.ExpectedLeadMinutesWithRework is { } expected)
            {
                expected.Should().BeGreaterThanOrEqualTo(totals.LeadMinutes);
            }
        }, iter: 500);
    }
}
