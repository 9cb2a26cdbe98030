using System.Text.Json;
using NodaTime;
using Obeya.Testing;

namespace Obeya.Web.Tests.Tracks;

/// <summary>
/// A realistic half year of one track, driven through the API alone: a challenge, two target conditions,
/// twelve obstacles, thirty experiments, sixty small steps and a weekly measurement, session by session.
/// </summary>
public class HalfYearTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public async Task a_track_is_driven_through_a_half_year()
    {
        string[] team = ["Emmy", "Sander", "Fatima", "Joost"];
        var board = await Board.StartAsync(app, team);
        var metric = await board.Do("/metrics", new { name = "% teruggemeld binnen 3 maanden", unit = "%", direction = "higher", target = 60 });
        var condition = await SetTargetCondition(board, metric, weeks: 12, target: 45);
        var obstacles = new List<Guid>();
        var experiments = 0;
        var steps = 0;

        for (var week = 0; week < 26; week++)
        {
            await board.Do($"/metrics/{metric}/measurements", new { on = Iso(Today()), value = 31 + week, note = (string?)null });
            if (week == 13)
            {
                await board.Do($"/target-conditions/{condition}/reached", new { reason = $"{31 + week}% gehaald" });
                condition = await SetTargetCondition(board, metric, weeks: 12, target: 55);
            }

            // Tuesday and Thursday: a new obstacle every other week, an experiment per session when one is in focus.
            for (var session = 0; session < 2; session++)
            {
                if (obstacles.Count < 12 && (week * 2 + session) % 4 == 0)
                {
                    obstacles.Add(await board.Do("/obstacles", new { text = $"Obstakel {obstacles.Count + 1}: terugmelding zonder reden" }));
                    await board.Do($"/obstacles/{obstacles[^1]}/focus");
                }

                if (experiments < 30 && obstacles.Count > 0)
                {
                    var experiment = await board.Do("/experiments", new { on = Iso(Today()), step = $"Experiment {experiments + 1}", expectation = "Een reden bij 8 van 10" });
                    await board.Do($"/experiments/{experiment}/result", new
                    {
                        whatHappened = "Bij 7 van 10 een reden", learned = "Een vaste contactpersoon helpt", asExpected = experiments % 3 != 0,
                    });
                    experiments++;
                }

                for (var i = 0; i < 2 && steps < 60; i++, steps++)
                {
                    var step = await board.Do("/steps", new { text = $"Stap {steps + 1}", ownerId = board.Members[team[steps % team.Length]], due = Iso(Today().PlusDays(2)) });
                    await board.Do($"/steps/{step}/done");
                }

                app.Clock.Advance(Duration.FromDays(session == 0 ? 2 : 5));
            }
        }

        var read = await board.Read();
        read.GetProperty("targetConditions").GetArrayLength().Should().Be(2);
        read.GetProperty("targetConditions")[0].GetProperty("state").GetString().Should().Be("reached");
        read.GetProperty("obstacles").GetArrayLength().Should().Be(12);
        read.GetProperty("experiments").GetArrayLength().Should().Be(30);
        read.GetProperty("experiments").EnumerateArray().Should().OnlyContain(e => e.GetProperty("learned").GetString() != null);
        read.GetProperty("smallSteps").GetArrayLength().Should().Be(60);
        read.GetProperty("metrics")[0].GetProperty("measurements").GetArrayLength().Should().Be(26);
        var history = await board.History();
        history.GetArrayLength().Should().Be((int)board.Version);
        // Start, metric, 2 target conditions and 1 reached, 26 measurements, 12 obstacles added and focused,
        // 30 experiments planned and concluded, 60 steps agreed and done.
        board.Version.Should().Be(1 + 1 + 3 + 26 + 24 + 60 + 120);
    }

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", null);

    private LocalDate Today() => app.Clock.GetCurrentInstant().InZone(Amsterdam).Date;

    private async Task<Guid> SetTargetCondition(Board board, Guid metric, int weeks, int target) =>
        await board.Do("/target-conditions", new
        {
            description = $"{target}% van de klanten binnen drie maanden teruggemeld",
            achieveBy = Iso(Today().PlusWeeks(weeks)),
            metricTargets = new[] { new { metricId = metric, target } },
        });
}
