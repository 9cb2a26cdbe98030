using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Obeya.Testing;
using Obeya.Web.Tests.Sessions;

namespace Obeya.Web.Tests.Rhythm;

/// <summary>
/// A team's rhythm through the API, on a clock the test moves: the app's clock starts on Monday 23 November 2026 at
/// 09:00 in Amsterdam, the team meets on Tuesdays and Thursdays at 09:00.
/// </summary>
public class CadenceHealthApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    [Fact]
    public async Task a_week_held_late_cancelled_and_coached_reads_back_as_the_calendar_counts_it()
    {
        app.Clock.Reset(ObeyaApp.Start);
        var standup = await Standup.TeamAsync(app);
        var client = app.ClientFor("Marieke");
        var health = $"/api/v1/teams/{standup.TeamId}/cadence-health";

        // Tuesday 24th: started at 09:12, seven minutes past the tolerance; coached; ended within its half hour.
        app.Clock.Advance(Duration.FromHours(24) + Duration.FromMinutes(12));
        (await standup.Start()).EnsureSuccessStatusCode();
        await standup.Mark("Sander");
        await standup.Coach((1, "Elke verwijzing gaat met een klantbeeld"));
        app.Clock.Advance(Duration.FromMinutes(25));
        await standup.End();
        // Thursday 26th: cancelled, with its reason.
        (await client.PostAsJsonAsync($"/api/v1/teams/{standup.TeamId}/cancellations", new { from = "2026-11-26", reason = "Studiedag" }))
            .EnsureSuccessStatusCode();

        var week = await (await standup.Get($"{health}?from=2026-11-23&to=2026-11-29&asOf=2026-11-27")).Json<JsonElement>();

        week.GetProperty("slots").EnumerateArray().Select(s => (s.GetProperty("date").GetString(), s.GetProperty("outcome").GetString()))
            .Should().Equal(("2026-11-24", "heldLate"), ("2026-11-26", "cancelled"));
        week.GetProperty("slots")[0].GetProperty("coachPresent").GetBoolean().Should().BeTrue();
        week.GetProperty("slots")[0].GetProperty("present").GetInt32().Should().Be(1);
        week.GetProperty("slots")[1].GetProperty("cancelledBecause").GetString().Should().Be("Studiedag");
        var sessions = week.GetProperty("sessions");
        new[] { "planned", "held", "heldLate", "cancelled", "timeboxKept" }.Select(f => sessions.GetProperty(f).GetInt32()).Should().Equal(1, 1, 1, 1, 1);
        week.GetProperty("coach").GetProperty("visits").GetInt32().Should().Be(1);
        week.GetProperty("rhythmHolds").GetBoolean().Should().BeTrue();

        // As of Monday, before any of it, Tuesday was still to come.
        var before = await (await standup.Get($"{health}?from=2026-11-23&to=2026-11-29&asOf=2026-11-23")).Json<JsonElement>();
        before.GetProperty("slots")[0].GetProperty("outcome").GetString().Should().Be("upcoming");
    }

    [Fact]
    public async Task without_a_period_it_answers_the_twelve_weeks_of_the_habit_calendar_and_its_warnings_in_words()
    {
        var standup = await Standup.TeamAsync(app);
        app.Clock.Advance(Duration.FromDays(20));

        var health = await (await standup.Get($"/api/v1/teams/{standup.TeamId}/cadence-health")).Json<JsonElement>();

        var (from, to) = (LocalDatePattern.Iso.Parse(health.GetProperty("from").GetString()!).Value, LocalDatePattern.Iso.Parse(health.GetProperty("to").GetString()!).Value);
        (from.DayOfWeek, to.DayOfWeek, Period.Between(from, to, PeriodUnits.Days).Days).Should().Be((IsoDayOfWeek.Monday, IsoDayOfWeek.Sunday, 83));
        health.GetProperty("rhythmHolds").GetBoolean().Should().BeFalse();
        health.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("text").GetString())
            .Should().Contain("Nog geen coach gezien").And.Contain(w => w!.EndsWith("sessies niet gehouden in 14 dagen", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("from=gisteren", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-11-29&to=2026-11-23", "to")]
    [InlineData("from=2025-01-01&to=2026-11-29", "from")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("asOf=morgen", "asOf")]
    public async Task a_period_it_cannot_read_is_refused_naming_the_field(string query, string field)
    {
        var standup = await Standup.TeamAsync(app);

        await (await standup.Get($"/api/v1/teams/{standup.TeamId}/cadence-health?{query}")).ShouldBeProblem(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task a_cancellation_is_refused_by_name_withdrawn_again_and_an_unknown_one_is_not_found()
    {
        var standup = await Standup.TeamAsync(app);
        var client = app.ClientFor("Marieke");
        var path = $"/api/v1/teams/{standup.TeamId}/cancellations";

        await (await client.PostAsJsonAsync(path, new { from = "2026-12-31", to = "2026-12-21", reason = "Kerst" })).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await (await client.PostAsJsonAsync(path, new { from = "2026-12-01", to = "2027-06-01", reason = "Lang" })).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await (await client.PostAsJsonAsync(path, new { from = "2026-12-21", reason = "  " })).ShouldBeProblem(HttpStatusCode.BadRequest, "reason");

        var id = Guid.NewGuid();
        var team = await (await client.PostAsJsonAsync(path, new { id, from = "2026-12-21", to = "2027-01-03", reason = "Kerstvakantie" })).Json<JsonElement>();
        team.GetProperty("cancellations").EnumerateArray().Single().GetProperty("reason").GetString().Should().Be("Kerstvakantie");

        (await client.DeleteAsync($"{path}/{id}")).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"{path}/{id}")).EnsureSuccessStatusCode();
        await (await client.DeleteAsync($"{path}/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound, "cancellationId");
        await (await client.PostAsJsonAsync(path, new { id, from = "2026-12-21", reason = "Nog eens" })).ShouldBeProblem(HttpStatusCode.Conflict, "id");
    }
}
