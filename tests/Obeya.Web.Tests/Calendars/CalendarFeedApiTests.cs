using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Calendars;

/// <summary>
/// Calendar feeds as a calendar client reads them, parsed by Ical.Net's own parser: a team's stand-ups on Tuesday and
/// Thursday at 09:00 in Amsterdam (the app's clock: Monday 23 November 2026), a cancelled one left out.
/// </summary>
public class CalendarFeedApiTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private async Task<(string Path, Guid Id)> NewFeed(HttpClient client, string path)
    {
        var created = await client.PostAsJsonAsync(path, new { });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Json<JsonElement>();
        return (body.GetProperty("path").GetString()!, body.GetProperty("id").GetGuid());
    }

    /// <summary>The feed as an anonymous calendar client gets it, parsed; the starts of its stand-ups in a window.</summary>
    private async Task<(Calendar Calendar, IReadOnlyList<Instant> Starts)> Subscribe(string path, LocalDate from, LocalDate to)
    {
        using var outlook = app.CreateClient();
        var answer = await outlook.GetAsync(path);
        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("text/calendar");
        var calendar = Calendar.Load(await answer.Content.ReadAsStringAsync())!;
        var starts = calendar.Events.Where(e => e.RecurrenceRule is not null)
            .SelectMany(e => e.GetOccurrences(new CalDateTime(from.Year, from.Month, from.Day, 0, 0, 0, "Europe/Amsterdam"))
                .TakeWhile(o => o.Period.StartTime.AsUtc < to.AtStartOfDayInZone(Amsterdam).ToDateTimeUtc())
                .Select(o => Instant.FromDateTimeUtc(o.Period.StartTime.AsUtc)))
            .Order()
            .ToList();
        return (calendar, starts);
    }

    private static Instant At(int year, int month, int day) => new LocalDateTime(year, month, day, 9, 0).InZoneStrictly(Amsterdam).ToInstant();

    [Fact]
    public async Task a_team_feed_repeats_on_the_teams_days_in_its_zone_leaves_out_a_cancelled_session_and_reminds_ten_minutes_before()
    {
        var board = await Board.StartAsync(app);
        var emmy = app.ClientFor("Emmy");
        (await emmy.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/cancellations", new { from = "2026-12-24", to = "2026-12-24", reason = "Kerst" }))
            .EnsureSuccessStatusCode();
        var (path, _) = await NewFeed(emmy, $"/api/v1/teams/{board.TeamId}/calendar-feeds");

        var (calendar, starts) = await Subscribe(path, new LocalDate(2026, 12, 20), new LocalDate(2027, 1, 2));
        starts.Should().Equal(At(2026, 12, 22), At(2026, 12, 29), At(2026, 12, 31));

        // 09:00 on both sides of the change to summer time: 08:00 UTC in March before it, 07:00 after.
        var (_, spring) = await Subscribe(path, new LocalDate(2027, 3, 22), new LocalDate(2027, 4, 2));
        spring.Should().Equal(At(2027, 3, 23), At(2027, 3, 25), At(2027, 3, 30), At(2027, 4, 1));
        spring[1].InUtc().Hour.Should().Be(8);
        spring[2].InUtc().Hour.Should().Be(7);

        var standup = calendar.Events.Single();
        standup.Summary.Should().StartWith("Stand-up Team");
        standup.Duration.Should().Be(Ical.Net.DataTypes.Duration.FromMinutes(30));
        standup.Alarms.Should().ContainSingle().Which.Trigger!.Duration.Should().Be(Ical.Net.DataTypes.Duration.FromMinutes(-10));
        calendar.TimeZones.Should().ContainSingle().Which.TzId.Should().Be("Europe/Amsterdam");
    }

    [Fact]
    public async Task a_revoked_or_unknown_link_answers_404_and_only_the_team_may_revoke_it()
    {
        var board = await Board.StartAsync(app);
        var emmy = app.ClientFor("Emmy");
        var (path, id) = await NewFeed(emmy, $"/api/v1/teams/{board.TeamId}/calendar-feeds");
        using var outlook = app.CreateClient();
        (await outlook.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);

        var stranger = app.ClientAs("Daan");
        (await stranger.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/calendar-feeds", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await stranger.PostAsJsonAsync($"/api/v1/me/calendar-feeds/{id}/revoke", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound, "a team's feed is nobody's own");
        (await outlook.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await emmy.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/calendar-feeds/{id}/revoke", new { })).EnsureSuccessStatusCode();
        (await outlook.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await emmy.PostAsJsonAsync($"/api/v1/teams/{board.TeamId}/calendar-feeds/{id}/revoke", new { })).StatusCode.Should().Be(HttpStatusCode.OK, "revoking twice is revoking once");
        var listed = await (await emmy.GetAsync($"/api/v1/teams/{board.TeamId}/calendar-feeds")).Json<JsonElement>();
        listed.EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == id).GetProperty("revoked").GetBoolean().Should().BeTrue();
        listed.GetRawText().Should().NotContain(path.Split('/')[^1], "a list never shows a link");

        foreach (var unknown in new[] { "/api/v1/calendar/" + new string('a', 43), "/api/v1/calendar/kort", "/api/v1/calendar/" + new string('!', 43) })
        {
            (await outlook.GetAsync(unknown)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task a_persons_feed_holds_their_steps_on_their_due_dates_and_their_teams_stand_ups()
    {
        var board = await Board.StartAsync(app, "Sander");
        await board.Do("/steps", new { text = "Bel het re-integratiebedrijf", ownerId = board.Members["Sander"], due = "2026-11-26" });
        var sander = app.ClientAs("Sander");
        var (path, id) = await NewFeed(sander, "/api/v1/me/calendar-feeds");

        var (calendar, starts) = await Subscribe(path, new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 28));
        starts.Should().Equal(At(2026, 11, 24), At(2026, 11, 26));
        var step = calendar.Events.Should().ContainSingle(e => e.RecurrenceRule == null).Which;
        step.Summary.Should().Be("Stap: Bel het re-integratiebedrijf");
        (step.DtStart!.HasTime, step.DtStart.Date).Should().Be((false, new DateOnly(2026, 11, 26)));

        var mine = await (await sander.GetAsync("/api/v1/me/calendar-feeds")).Json<JsonElement>();
        mine.EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).Should().Equal(id);
        (await (await app.ClientAs("Fatima").GetAsync("/api/v1/me/calendar-feeds")).Json<JsonElement>()).GetArrayLength().Should().Be(0);
        (await sander.PostAsJsonAsync($"/api/v1/me/calendar-feeds/{id}/revoke", new { })).EnsureSuccessStatusCode();
        using var outlook = app.CreateClient();
        (await outlook.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
