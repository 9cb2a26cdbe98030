using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Testing;

namespace Obeya.Web.Tests.Demo;

public sealed class DemoApp : ObeyaApp
{
    protected override bool SeedsDemo => true;
}

public class DemoDataTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task an_empty_store_gets_team_werk_with_a_full_storyboard()
    {
        var client = app.ClientFor("Beheerder");
        var teams = await (await client.GetAsync("/api/v1/teams")).Json<JsonElement>();
        var team = teams.EnumerateArray().Should().ContainSingle(t => t.GetProperty("name").GetString() == "Team Werk").Subject;

        var summaries = await (await client.GetAsync($"/api/v1/teams/{team.GetProperty("id").GetGuid()}/tracks")).Json<JsonElement>();
        summaries.EnumerateArray().First().GetProperty("title").GetString().Should().Be("Kwaliteit van het klantgesprek", "the storyboard is the team's first track");
        var trackId = summaries.EnumerateArray().First().GetProperty("id").GetGuid();
        var track = await (await client.GetAsync($"/api/v1/tracks/{trackId}")).Json<JsonElement>();

        track.GetProperty("title").GetString().Should().Be("Kwaliteit van het klantgesprek");
        track.GetProperty("activeTargetCondition").GetProperty("achieveBy").GetString().Should().NotBeNullOrEmpty();
        track.GetProperty("obstacles").GetArrayLength().Should().Be(3);
        track.GetProperty("focusedObstacleId").GetGuid().Should().NotBeEmpty();
        track.GetProperty("experiments").GetArrayLength().Should().Be(2);
        track.GetProperty("metrics")[0].GetProperty("measurements").GetArrayLength().Should().Be(8);
        track.GetProperty("smallSteps").EnumerateArray().Should().HaveCount(3).And.ContainSingle(s => s.GetProperty("isTooBig").GetBoolean());
        team.GetProperty("coaches")[0].GetProperty("name").GetString().Should().Be("Marieke");
    }

    [Fact]
    public async Task the_demo_obeya_holds_three_transition_goals_eight_tactical_goals_and_twelve_team_tracks()
    {
        var client = app.ClientFor("Beheerder");
        var programme = (await (await client.GetAsync("/api/v1/programmes")).Json<JsonElement>()).EnumerateArray().Should().ContainSingle().Subject;
        var view = await (await client.GetAsync($"/api/v1/programmes/{programme.GetProperty("id").GetGuid()}")).Json<JsonElement>();
        var goals = view.GetProperty("programme").GetProperty("tacticalGoals").EnumerateArray().ToList();

        view.GetProperty("programme").GetProperty("transitionGoals").GetArrayLength().Should().Be(3);
        goals.Should().HaveCount(8);
        goals.Sum(g => g.GetProperty("trackIds").GetArrayLength()).Should().Be(12);
        string StatusOf(string result) => view.GetProperty("rollup").GetProperty("goals")
            .GetProperty(goals.Single(g => g.GetProperty("result").GetString() == result).GetProperty("id").GetString()!).GetProperty("shown").GetString()!;
        StatusOf("Schuldhulp binnen twee weken gestart").Should().Be("blocked", "an obstacle of Team Schulden is escalated to it");
        StatusOf("Dashboard klantbeleving").Should().Be("atRisk", "it needs the blocked schuldhulp goal");
        StatusOf("Kosten per traject in beeld").Should().Be("blocked", "an impediment was raised on it in the room");
        // Team Werk's coach last came more than two weeks ago: its tracks, and the goals they serve, are at risk.
        StatusOf("Klant in regie over het eigen plan").Should().Be("atRisk");
        StatusOf("Leren van elke casus").Should().Be("atRisk");
        view.GetProperty("rollup").GetProperty("goals").GetProperty(goals[0].GetProperty("id").GetString()!).GetProperty("why")[0].GetString()
            .Should().Be("'Kwaliteit van het klantgesprek': het ritme van het team hapert: Coach niet gezien sinds 18 dagen");
        // The other teams have kept their stand-ups with their coach: where nothing blocks them, they are on track.
        StatusOf("Eén loket voor werk en inkomen").Should().Be("onTrack");
        StatusOf("Ruimte voor maatwerk in de wijk").Should().Be("onTrack");
        StatusOf("Coaching in elk team").Should().Be("onTrack");
    }

    [Fact]
    public async Task the_demo_catalogue_holds_twenty_processes_three_of_them_mapped_and_one_improved_by_team_werk()
    {
        var catalogue = (await (await app.ClientFor("Beheerder").GetAsync("/api/v1/processes")).Json<JsonElement>()).EnumerateArray().ToList();

        catalogue.Should().HaveCount(20);
        catalogue.Where(p => p.GetProperty("mapped").GetBoolean()).Select(p => p.GetProperty("name").GetString())
            .Should().BeEquivalentTo(["Aanvraag bijstand", "Invordering", "Terugmelding door het re-integratiebedrijf"]);
        var improved = catalogue.Should().ContainSingle(p => p.GetProperty("beingImproved").GetBoolean()).Subject;
        (improved.GetProperty("name").GetString(), improved.GetProperty("teamName").GetString())
            .Should().Be(("Terugmelding door het re-integratiebedrijf", "Team Werk"));
        catalogue.Single(p => p.GetProperty("name").GetString() == "Invordering").GetProperty("maps").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task the_demo_track_is_the_stream_its_events_name()
    {
        await using var session = app.Store.QuerySession();
        var started = await session.Events.QueryRawEventDataOnly<Obeya.Domain.Tracks.TrackStarted>()
            .Where(t => t.Title == "Kwaliteit van het klantgesprek").SingleAsync();

        var stream = await session.Events.FetchStreamAsync(started.TrackId);

        stream.Should().NotBeEmpty("pushes and history find a track by the id its events carry");
        stream.Select(e => e.Data).OfType<Obeya.Domain.Tracks.ObstacleAdded>().Should().OnlyContain(o => o.TrackId == started.TrackId);
    }

    [Fact]
    public async Task seeding_again_adds_nothing()
    {
        var before = await app.EventCount();

        await Obeya.Web.Demo.DemoData.SeedAsync(app.Store, app.Services.GetRequiredService<Obeya.Web.Infrastructure.Writes.Writer>(), app.Clock, CancellationToken.None);

        (await app.EventCount()).Should().Be(before);
    }

    private async Task<(HttpClient Client, Guid TrackId)> Storyboard()
    {
        var client = app.ClientFor("Beheerder");
        await using var session = app.Store.QuerySession();
        var started = await session.Events.QueryRawEventDataOnly<Obeya.Domain.Tracks.TrackStarted>()
            .Where(t => t.Title == "Kwaliteit van het klantgesprek").SingleAsync();
        return (client, started.TrackId);
    }

    [Fact]
    public async Task the_demo_has_a_past_measurements_from_october_and_on_1_november_the_board_had_fewer_of_them()
    {
        var (client, trackId) = await Storyboard();

        var today = await (await client.GetAsync($"/api/v1/tracks/{trackId}")).Json<JsonElement>();
        var dates = today.GetProperty("metrics")[0].GetProperty("measurements").EnumerateArray().Select(m => m.GetProperty("on").GetString()!).ToList();
        dates.Should().Contain(d => d.StartsWith("2026-10-"), "the story's measurements began in October");

        var then = await client.GetAsync($"/api/v1/tracks/{trackId}?asOf=2026-11-01");
        then.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the track had started by 1 November");
        var past = await then.Json<JsonElement>();
        var pastDates = past.GetProperty("metrics")[0].GetProperty("measurements").EnumerateArray().Select(m => m.GetProperty("on").GetString()!).ToList();
        pastDates.Should().NotBeEmpty().And.OnlyContain(d => string.CompareOrdinal(d, "2026-11-01") <= 0);
        pastDates.Count.Should().BeLessThan(dates.Count);
        past.GetProperty("smallSteps").GetArrayLength().Should().Be(0, "the steps were agreed at the last stand-up");
    }

    [Fact]
    public async Task the_demo_events_happened_over_weeks_in_order_and_none_after_now()
    {
        var (_, trackId) = await Storyboard();
        await using var session = app.Store.QuerySession();

        var moments = (await session.Events.FetchStreamAsync(trackId)).Select(e => ((Obeya.Domain.IFact)e.Data).At).ToList();

        moments.Should().BeInAscendingOrder("a board's past is read from its leading events");
        moments.Should().OnlyContain(m => m <= app.Clock.GetCurrentInstant());
        (moments[^1] - moments[0]).TotalDays.Should().BeGreaterThan(49, "the track started eight weeks of stand-ups ago");
        var days = moments.Select(m => m.InZone(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]).DayOfWeek).ToHashSet();
        days.Should().Contain([NodaTime.IsoDayOfWeek.Tuesday, NodaTime.IsoDayOfWeek.Thursday], "the team works on its board at its stand-ups");
    }

    [Fact]
    public async Task the_programme_read_names_the_teams_and_says_what_is_blocked_and_why_oldest_first()
    {
        var client = app.ClientFor("Beheerder");
        var programme = (await (await client.GetAsync("/api/v1/programmes")).Json<JsonElement>()).EnumerateArray().Single();
        var view = await (await client.GetAsync($"/api/v1/programmes/{programme.GetProperty("id").GetGuid()}")).Json<JsonElement>();

        view.GetProperty("teams").EnumerateObject().Select(t => t.Value.GetString()).Should()
            .BeEquivalentTo(["Team Werk", "Team Inkomen", "Team Schulden", "Team Wijkzorg"]);
        var blocked = view.GetProperty("blocked").EnumerateArray().ToList();
        blocked.Select(b => b.GetProperty("name").GetString()).Should().Equal(
            "Kosten per traject in beeld", "Schuldhulp binnen twee weken gestart", "Dashboard klantbeleving", "Eerste gesprek binnen twee weken");
        blocked[0].GetProperty("why").GetString().Should().Be("Belemmering 'Geen afspraak met de financiële administratie over kosten per traject'");
        blocked[0].GetProperty("ageDays").GetInt32().Should().Be(21);
        blocked[3].GetProperty("why").GetString().Should().Be("Opgeschaald obstakel 'Het budgetbeheer heeft een wachtlijst van zes weken' van 'Eerste gesprek binnen twee weken'");
        blocked[3].GetProperty("owner").GetString().Should().Be("Chantal Visser");
        view.GetProperty("teams").GetProperty(blocked[3].GetProperty("teamId").GetString()!).GetString().Should().Be("Team Schulden");
        blocked[2].GetProperty("cause").GetString().Should().Be("dependency");
        blocked[2].GetProperty("why").GetString().Should().Be("Heeft 'Schuldhulp binnen twee weken gestart' nodig, dat geblokkeerd is");
        blocked.Select(b => b.GetProperty("since").GetString()).Should().BeInAscendingOrder();
    }
}
