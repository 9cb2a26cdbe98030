using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Obeya.Domain.Processes;
using Process = Obeya.Domain.Processes.Process;
using Obeya.Domain.Signals;
using Obeya.Web.Processes;

namespace Obeya.Bench;

/// <summary>
/// Issue 13's figures: the process catalogue and a theme's weekly chart as the API serves them (the screens call the
/// same functions), a 50,000-row import of KCC tallies, and a 20-step value stream map rendered on the server.
/// </summary>
public static class ProcessesAndSignals
{
    public static async Task<object> Figures(IServiceProvider services, HttpClient http, Guid teamId)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var clock = services.GetRequiredService<IClock>();
        var random = new Random(13);
        var trackId = (await (await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/tracks", new { title = "Processen", challenge = "Sneller helpen" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        async Task<object> Scale(string name, int processes, int mapped, int themes, int signals)
        {
            await Catalogue(store, clock, teamId, trackId, name, processes, mapped, random);
            var themeIds = await Themes(store, clock, name, themes, signals, random);
            var catalogue = await http.GetByteArrayAsync("/api/v1/processes");
            return new
            {
                processes, mapped, themes, signals,
                catalogueResponseBytes = catalogue.Length,
                catalogue = await Workloads.TimeGets(http, "/api/v1/processes", warmUp: 20, count: 200),
                themeWeeklyChart = await Workloads.TimeGets(http, $"/api/v1/signal-themes/{themeIds[0]}", warmUp: 20, count: 200),
                themeList = await Workloads.TimeGets(http, "/api/v1/signal-themes", warmUp: 20, count: 200),
            };
        }

        // The demo's scale first, then ten times it on top (the catalogue then holds both).
        var demo = await Scale("Demo", processes: 20, mapped: 3, themes: 4, signals: 20_000);
        var tenTimes = await Scale("Tien", processes: 100, mapped: 15, themes: 40, signals: 200_000);
        return new
        {
            setup = "catalogue: GET /api/v1/processes (every process with its team, map totals and running tracks), 20 warm-up + 200; "
                + "themeWeeklyChart: GET /api/v1/signal-themes/{id} (a year of weekly counts, trend, 13-week seasonal forecast, recent signals); "
                + "signals are KCC tallies per weekday and channel over a year, written through the domain's decisions",
            demoSize = demo,
            tenTimes,
            import = await Import(http),
            mapRender = await Render(services, steps: 20),
            targets = new { catalogue = "< 100 ms p95", themeWeeklyChart = "< 100 ms p95", import50000Rows = "< 5 s", mapOf20Steps = "< 20 ms" },
        };
    }

    /// <summary>Processes of the bench team, some mapped with 8–20 steps, a third of those linked to the team's track.</summary>
    private static async Task Catalogue(IDocumentStore store, IClock clock, Guid teamId, Guid trackId, string name, int count, int mapped, Random random)
    {
        var now = clock.GetCurrentInstant();
        await using var session = store.LightweightSession();
        for (var i = 0; i < count; i++)
        {
            var added = ProcessDecisions.Add(new AddProcess(Guid.CreateVersion7(), $"{name} proces {i + 1}", teamId, "Inwoner", "De inwoner wil snel geholpen worden"), "bench", now);
            var process = Process.From(added);
            var events = new List<object> { added };
            if (i < mapped)
            {
                var drawn = ProcessDecisions.Draw(process, new DrawValueStreamMap(Guid.CreateVersion7(), MapState.Current, "Zo gaat het nu", 100, Steps(8 + i % 13, random)), isNew: true, "bench", now);
                process = process.With(drawn);
                events.Add(drawn);
                if (i % 3 == 0)
                {
                    events.Add(ProcessDecisions.LinkTrack(process, trackId, process.CurrentMap!.Steps[0].Id, "bench", now));
                }
            }

            session.Events.StartStream<Process>(added.ProcessId, events);
        }

        await session.SaveChangesAsync();
    }

    private static IReadOnlyList<ValueStreamStep> Steps(int count, Random random)
    {
        var steps = new List<ValueStreamStep>();
        for (var i = 0; i < count; i++)
        {
            steps.Add(new ValueStreamStep(Guid.CreateVersion7(), $"Stap {i + 1} van het proces", i % 2 == 0 ? "Consulent" : "KCC", random.Next(5, 90), random.Next(0, 4) * 1440,
                random.Next(70, 101), i > 2 && i % 5 == 0 ? steps[i - 2].Id : null));
        }

        return steps;
    }

    private static readonly Channel[] Channels = [Channel.Phone, Channel.Web, Channel.Desk, Channel.Email];

    /// <summary>Themes with a year of daily tallies per channel on weekdays, adding up to <paramref name="signals"/>.</summary>
    private static async Task<List<Guid>> Themes(IDocumentStore store, IClock clock, string name, int themes, int signals, Random random)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var days = Enumerable.Range(1, 365).Select(d => today.PlusDays(-d)).Where(d => d.DayOfWeek < IsoDayOfWeek.Saturday).ToList();
        var perRow = Math.Max(1, signals / (themes * days.Count * Channels.Length));
        var ids = new List<Guid>();
        for (var t = 0; t < themes; t++)
        {
            await using var session = store.LightweightSession();
            var added = SignalDecisions.Add(Guid.CreateVersion7(), $"{name} thema {t + 1}", [], "bench", now);
            var tallies = days.SelectMany(d => Channels.Select(c => new DayCount(d, c, perRow + random.Next(0, 2)))).ToList();
            var tallied = SignalDecisions.Tally(SignalTheme.From(added), tallies, "bench", now)!;
            session.Events.StartStream<SignalTheme>(added.ThemeId, added, tallied);
            await session.SaveChangesAsync();
            ids.Add(added.ThemeId);
        }

        return ids;
    }

    /// <summary>Three imports of 50,000 rows over forty themes, each on days none had yet (POST text/csv).</summary>
    private static async Task<object> Import(HttpClient http)
    {
        var themes = (await http.GetFromJsonAsync<JsonElement>("/api/v1/signal-themes")).EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).Where(n => n.StartsWith("Tien", StringComparison.Ordinal)).ToList();
        const int rows = 50_000;
        var runs = new List<double>();
        var bytes = 0;
        for (var run = 0; run < 3; run++)
        {
            var start = new LocalDate(2010 + 2 * run, 1, 1);
            var text = new StringBuilder("datum;kanaal;thema;aantal\n");
            for (var i = 0; i < rows; i++)
            {
                var theme = themes[i % themes.Count];
                var channel = (i / themes.Count) % 4;
                var day = start.PlusDays(i / (themes.Count * 4));
                text.Append($"{day:dd-MM-yyyy};{new[] { "telefoon", "web", "balie", "e-mail" }[channel]};{theme};{1 + i % 40}\n");
            }

            bytes = text.Length;
            var watch = Stopwatch.StartNew();
            var answer = await http.PostAsync("/api/v1/signal-themes/import", new StringContent(text.ToString(), Encoding.UTF8, "text/csv"));
            watch.Stop();
            var body = await answer.Content.ReadAsStringAsync();
            if (!answer.IsSuccessStatusCode || JsonDocument.Parse(body).RootElement.GetProperty("new").GetInt32() != rows)
            {
                throw new InvalidOperationException($"The import was not stored whole: {(int)answer.StatusCode} {body[..Math.Min(300, body.Length)]}");
            }

            runs.Add(Math.Round(watch.Elapsed.TotalMilliseconds));
        }

        return new { rows, themes = themes.Count, bytes, msPerImport = runs };
    }

    /// <summary>A value stream map of <paramref name="steps"/> steps rendered to HTML on the server, as the process page draws it.</summary>
    private static async Task<object> Render(IServiceProvider services, int steps)
    {
        var map = new ValueStreamMap(Guid.CreateVersion7(), MapState.Current, "Zo gaat het nu", 120, ValueStreamSteps.Validated(Steps(steps, new Random(20))), SystemClock.Instance.GetCurrentInstant());
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<ILoggerFactory>());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ValueStreamMapDrawing.Map)] = map });
        var html = "";
        var samples = new List<double>();
        for (var i = 0; i < 520; i++)
        {
            var watch = Stopwatch.StartNew();
            html = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<ValueStreamMapDrawing>(parameters)).ToHtmlString());
            if (i >= 20)
            {
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        return new { steps, svgBytes = html.Length, latency = Latency.Of(samples) };
    }
}
