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
        StatusOf("Leren van elke casus").Should().Be("atRisk", "one of its tracks ran no experiment for twenty days");
        StatusOf("Klant in regie over het eigen plan").Should().Be("onTrack");
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
}
