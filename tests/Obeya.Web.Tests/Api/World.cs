using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Testing;
using Obeya.Web.Accounts;
using Obeya.Web.Tests.Access;

namespace Obeya.Web.Tests.Api;

/// <summary>
/// Real things for one operation to work on, made through the API the first time they are asked for: a team of its
/// own (teamlid A as member, coach A as coach) and whatever the route or body names on it. A fresh world per operation
/// (and per variant that may legitimately be stored) keeps what one operation stores from changing what another meets.
/// </summary>
public sealed class World(TwoTeams app, int number)
{
    private readonly Dictionary<string, Task<Guid>> things = [];
    private Guid member, coach, mapStep;

    /// <summary>The name of the world's signal theme, once made: an import names a theme so.</summary>
    public string? ThemeName { get; private set; }

    /// <summary>The name of the world's team, once made: a process list names its teams so.</summary>
    public string? TeamName { get; private set; }

    public int Number { get; } = number;

    /// <summary>Where the operation's accepted requests said they made something (Location), to open it afterwards.</summary>
    public List<string> Created { get; } = [];

    /// <summary>What exists in this world, by kind: the boards the test opens afterwards.</summary>
    public IReadOnlyCollection<string> Made => things.Keys;

    public bool Has(string thing) => things.ContainsKey(thing);

    /// <summary>The id of a thing of this kind in this world, made (with what it needs) on first use.</summary>
    public Task<Guid> Id(string thing)
    {
        if (!things.TryGetValue(thing, out var id))
        {
            id = Make(thing);
            things[thing] = id;
        }

        return id;
    }

    /// <summary>The version in ETag of a track or session now, for If-Match.</summary>
    public async Task<long> VersionOf(string kind, Guid id)
    {
        var response = await app.Client("Teamlid A").GetAsync(kind == "session" ? $"/api/v1/sessions/{id}" : $"/api/v1/tracks/{id}");
        response.EnsureSuccessStatusCode();
        return VersionedClient.VersionOf(response);
    }

    private async Task<Guid> Make(string thing)
    {
        var n = Number;
        switch (thing)
        {
            case "team":
                TeamName = $"Wereld {n}";
                var team = await Post(app.Client("Beheerder"), "/api/v1/teams", new { name = TeamName });
                (member, coach) = (Guid.NewGuid(), Guid.NewGuid());
                await Post(app.Client("Beheerder"), $"/api/v1/teams/{team}/members", new { id = member, name = "Teamlid A", email = ObeyaApp.EmailOf("Teamlid A") });
                await Post(app.Client("Beheerder"), $"/api/v1/teams/{team}/coaches", new { id = coach, name = "Coach A", email = ObeyaApp.EmailOf("Coach A") });
                return team;
            case "member":
                await Id("team");
                return member;
            case "coach":
                await Id("team");
                return coach;
            case "colleague":
                // Someone else on the team, so a step can be handed from one member to another.
                var colleague = Guid.NewGuid();
                await Post(app.Client("Beheerder"), $"/api/v1/teams/{await Id("team")}/members", new { id = colleague, name = "Collega" });
                return colleague;
            case "track":
                return await Post(app.Client("Teamlid A"), $"/api/v1/teams/{await Id("team")}/tracks", new { title = $"Bord {n}", challenge = "Sneller helpen" });
            case "metric":
                return await OnTrack("metrics", new { name = "Doorlooptijd", unit = "dagen", direction = "lower", target = 5 });
            case "measurement":
                return await OnTrack($"metrics/{await Id("metric")}/measurements", new { on = "2026-11-20", value = 12 });
            case "condition":
                return await OnTrack("target-conditions", new
                {
                    description = "Binnen acht dagen geholpen", achieveBy = "2026-12-31", metricTargets = new[] { new { metricId = await Id("metric"), target = 8 } },
                });
            case "obstacle":
                return await OnTrack("obstacles", new { text = "Aanvragen komen op papier binnen" });
            case "focused":
                return await OnTrack($"obstacles/{await Id("obstacle")}/focus", null, await Id("obstacle"));
            case "closed obstacle":
                return await OnTrack($"obstacles/{await Id("obstacle")}/resolved", new { note = "Opgelost" }, await Id("obstacle"));
            case "experiment":
                await Id("focused");
                return await OnTrack("experiments", new { on = "2026-11-24", step = "Digitaal formulier proberen", expectation = "Minder papier" });
            case "step":
                return await OnTrack("steps", new { text = "Formulier maken", ownerId = await Id("colleague"), due = "2026-11-26" });
            case "session":
                return await Post(app.Client("Teamlid A"), $"/api/v1/teams/{await Id("team")}/sessions", new { trackId = await Id("track") });
            case "cancellation":
                var cancellation = Guid.NewGuid();
                await Post(app.Client("Teamlid A"), $"/api/v1/teams/{await Id("team")}/cancellations", new { id = cancellation, from = "2027-06-01", reason = "Zomervakantie" });
                return cancellation;
            case "present":
                var session = await Id("session");
                await Post(app.Client("Teamlid A"), $"/api/v1/sessions/{session}/attendance", new { personId = await Id("member"), present = true },
                    await VersionOf("session", session));
                return session;
            case "wall screen":
                return await Post(app.Client("Teamlid A"), $"/api/v1/teams/{await Id("team")}/wall-screens", new { name = $"Tv {n}", trackIds = new[] { await Id("track") } });
            case "calendar feed":
                return await Post(app.Client("Teamlid A"), $"/api/v1/teams/{await Id("team")}/calendar-feeds", new { });
            case "my calendar feed":
                // Made by whoever calls a "signed in" operation first: teamlid A (HostileInputTests.CallerOf).
                return await Post(app.Client("Teamlid A"), "/api/v1/me/calendar-feeds", new { });
            case "process":
                return await Post(app.Client("Teamlid A"), $"/api/v1/teams/{await Id("team")}/processes", new { name = $"Proces {n}" });
            case "map":
                var map = Guid.NewGuid();
                mapStep = Guid.NewGuid();
                await Post(app.Client("Teamlid A"), $"/api/v1/processes/{await Id("process")}/maps", new
                {
                    id = map, state = "future", name = "Zo moet het", demandPerWeek = 40,
                    steps = new[] { new { id = mapStep, name = "Intake", who = "KCC", processMinutes = 20, waitMinutesBefore = 60, firstTimeRightPercent = 90 } },
                });
                return map;
            case "map step":
                await Id("map");
                return mapStep;
            case "linked track":
                var linked = await Id("track");
                await Post(app.Client("Teamlid A"), $"/api/v1/processes/{await Id("process")}/tracks", new { trackId = linked });
                return linked;
            case "signal theme":
                ThemeName = $"Thema {n}";
                return await Post(app.Client("Beheerder"), "/api/v1/signal-themes", new { name = ThemeName });
            case "signal":
                return await Post(app.Client("Teamlid A"), $"/api/v1/signal-themes/{await Id("signal theme")}/signals",
                    new { channel = "phone", count = 3, description = "Vragen over de aanvraag" });
            case "programme":
                return await Post(app.Client("Directeur"), "/api/v1/programmes", new { name = $"Programma {n}" });
            case "transition goal":
                var goal = Guid.NewGuid();
                await Post(app.Client("Directeur"), $"/api/v1/programmes/{await Id("programme")}/transition-goals",
                    new { id = goal, result = "Dienstverlening digitaal", owner = "Directeur", horizon = "2027-06-30" });
                return goal;
            case "tactical goal":
                var tactical = Guid.NewGuid();
                await Post(app.Client("Directeur"), $"/api/v1/programmes/{await Id("programme")}/tactical-goals",
                    new { id = tactical, transitionGoalId = await Id("transition goal"), result = "Aanvragen digitaal", owner = "Directeur", due = "2027-03-31" });
                return tactical;
            case "impediment":
                var impediment = Guid.NewGuid();
                await Post(app.Client("Directeur"), $"/api/v1/programmes/{await Id("programme")}/impediments",
                    new { id = impediment, goalId = await Id("tactical goal"), text = "Geen budget voor formulieren", owner = "Directeur", expectedBy = "2027-01-31" });
                return impediment;
            case "account":
                return await Post(app.Client("Beheerder"), "/api/v1/accounts",
                    new { name = $"Medewerker {n}", email = $"medewerker{n}@obeya.test", password = "een-lang-wachtwoord-2026" });
            case "failed sign-in":
                var account = await Id("account");
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<AccountService>().SignInAsync($"medewerker{n}@obeya.test", "verkeerd-wachtwoord", CancellationToken.None);
                }

                return account;
            default:
                throw new InvalidOperationException($"The hostile test knows no way to make a '{thing}': add one to {nameof(World)}.");
        }
    }

    private async Task<Guid> OnTrack(string path, object? body, Guid? answers = null)
    {
        var track = await Id("track");
        var id = await Post(app.Client("Teamlid A"), $"/api/v1/tracks/{track}/{path}", body, await VersionOf("track", track));
        return answers ?? id;
    }

    private static async Task<Guid> Post(HttpClient client, string path, object? body, long? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        var answer = await (await client.SendAsync(request)).Json<JsonElement>();
        return answer.TryGetProperty("id", out var id) ? id.GetGuid() : Guid.Empty;
    }
}
