using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Live;

namespace Obeya.Web.Tests.Access;

/// <summary>
/// Two teams, A and B, and everyone who might ask: nobody signed in, a teamlid and a coach of A, a teamlid of B, a
/// programme director, a beheerder (on no team), and wall screens of A and of B.
/// </summary>
public class TwoTeams : ObeyaApp
{
    public static readonly string[] People = ["Anoniem", "Teamlid A", "Coach A", "Teamlid B", "Directeur", "Beheerder"];

    public Guid TeamA { get; private set; }

    public Guid TrackA { get; private set; }

    public Guid SessionA { get; private set; }

    public Guid ScreenA { get; private set; }

    public Guid ProcessA { get; private set; }

    public string TokenA { get; private set; } = "";

    public string TokenB { get; private set; } = "";

    public HttpClient Client(string person) => person switch
    {
        "Anoniem" => CreateClient(),
        "Directeur" => ClientAs(person, GlobalRole.ProgrammeDirector),
        "Beheerder" => ClientAs(person, GlobalRole.Administrator),
        _ => ClientAs(person),
    };

    public async Task<string?> Cookie(string person) => person switch
    {
        "Anoniem" => null,
        "Directeur" => await CookieOf(person, GlobalRole.ProgrammeDirector),
        "Beheerder" => await CookieOf(person, GlobalRole.Administrator),
        _ => await CookieOf(person),
    };

    public async Task SetUp()
    {
        var admin = ClientFor("Opzet");
        TeamA = await Team(admin, "Team A", ("members", "Teamlid A"), ("coaches", "Coach A"));
        var teamB = await Team(admin, "Team B", ("members", "Teamlid B"));

        var a = ClientAs("Teamlid A");
        TrackA = await Id(await a.PostAsJsonAsync($"/api/v1/teams/{TeamA}/tracks", new { title = "Bord A", challenge = "Beter" }));
        SessionA = await Id(await a.PostAsJsonAsync($"/api/v1/teams/{TeamA}/sessions", new { trackId = TrackA }));
        var screen = await (await a.PostAsJsonAsync($"/api/v1/teams/{TeamA}/wall-screens", new { name = "Tv A", trackIds = new[] { TrackA } })).Json<JsonElement>();
        (ScreenA, TokenA) = (screen.GetProperty("id").GetGuid(), screen.GetProperty("token").GetString()!);
        ProcessA = await Id(await a.PostAsJsonAsync($"/api/v1/teams/{TeamA}/processes", new { name = "Aanvraag bijstand" }));

        var b = ClientAs("Teamlid B");
        var trackB = await Id(await b.PostAsJsonAsync($"/api/v1/teams/{teamB}/tracks", new { title = "Bord B", challenge = "Ook beter" }));
        TokenB = (await (await b.PostAsJsonAsync($"/api/v1/teams/{teamB}/wall-screens", new { name = "Tv B", trackIds = new[] { trackB } })).Json<JsonElement>())
            .GetProperty("token").GetString()!;

        // Everyone signed in before anything is counted: a first sign-in stores events of its own.
        foreach (var person in People)
        {
            await Cookie(person);
        }
    }

    private static async Task<Guid> Team(HttpClient admin, string name, params (string Role, string Person)[] people)
    {
        var id = await Id(await admin.PostAsJsonAsync("/api/v1/teams", new { name }));
        foreach (var (role, person) in people)
        {
            (await admin.PostAsJsonAsync($"/api/v1/teams/{id}/{role}", new { name = person, email = EmailOf(person) })).EnsureSuccessStatusCode();
        }

        return id;
    }

    private static async Task<Guid> Id(HttpResponseMessage response) => (await response.Json<JsonElement>()).GetProperty("id").GetGuid();
}

/// <summary>
/// Every endpoint in the route table and every hub method, asked by everyone: exactly the allowed ones get past the
/// rules, the others hear 401 (nobody signed in) or 403, and nothing a refused caller tries changes the store.
/// A new endpoint or hub method that is not in the tables below fails these tests until its rule is written here.
/// </summary>
public class AccessMatrixTests(TwoTeams app) : IClassFixture<TwoTeams>, IAsyncLifetime
{
    /// <summary>Who may, per rule, in the order of <see cref="TwoTeams.People"/>: the issue's table, written out.</summary>
    internal static readonly Dictionary<string, bool[]> Allowed = new()
    {
        //                     anonymous, teamlid A, coach A, teamlid B, directeur, beheerder
        ["read"] = [false, true, true, false, true, true],
        ["change"] = [false, true, true, false, false, false],
        ["coach"] = [false, false, true, false, false, false],
        ["wall screens"] = [false, true, true, false, false, true],
        ["team"] = [false, false, false, false, false, true],
        ["beheerder"] = [false, false, false, false, false, true],
        ["directeur"] = [false, false, false, false, true, false],
        ["signed in"] = [false, true, true, true, true, true],
        ["anyone"] = [true, true, true, true, true, true],
    };

    /// <summary>Every API endpoint and its rule. Route values name team A's things; other ids are made up.</summary>
    private static readonly Dictionary<string, string> Endpoints = new()
    {
        ["GET /api/v1/teams/"] = "signed in",
        ["POST /api/v1/teams/"] = "beheerder",
        ["GET /api/v1/teams/{teamId:guid}"] = "read",
        ["POST /api/v1/teams/{teamId:guid}/members"] = "team",
        ["POST /api/v1/teams/{teamId:guid}/coaches"] = "team",
        ["PUT /api/v1/teams/{teamId:guid}/name"] = "team",
        ["PUT /api/v1/teams/{teamId:guid}/cadence"] = "team",
        ["POST /api/v1/teams/{teamId:guid}/cancellations"] = "change",
        ["DELETE /api/v1/teams/{teamId:guid}/cancellations/{cancellationId:guid}"] = "change",
        ["PUT /api/v1/teams/{teamId:guid}/rhythm-thresholds"] = "team",
        ["GET /api/v1/teams/{teamId:guid}/cadence-health"] = "read",
        ["GET /api/v1/me/steps"] = "signed in",
        ["POST /api/v1/teams/{teamId:guid}/members/{memberId:guid}/removed"] = "team",
        ["POST /api/v1/teams/{teamId:guid}/coaches/{coachId:guid}/removed"] = "team",
        ["GET /api/v1/teams/{teamId:guid}/tracks/"] = "read",
        ["POST /api/v1/teams/{teamId:guid}/tracks/"] = "change",
        ["GET /api/v1/tracks/{trackId:guid}/"] = "read",
        ["GET /api/v1/tracks/{trackId:guid}/history"] = "read",
        ["PUT /api/v1/tracks/{trackId:guid}/title"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/closed"] = "change",
        ["PUT /api/v1/tracks/{trackId:guid}/challenge"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/metrics"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/metrics/{metricId:guid}/measurements"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/metrics/{metricId:guid}/measurements/import"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/metrics/{metricId:guid}/measurements/{measurementId:guid}/correction"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/target-conditions"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/target-conditions/{targetConditionId:guid}/reached"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/target-conditions/{targetConditionId:guid}/dropped"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/current-conditions"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/obstacles"] = "change",
        ["PUT /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/text"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/focus"] = "change",
        ["DELETE /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/focus"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/resolved"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/dropped"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/reopened"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/experiments"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/experiments/{experimentId:guid}/result"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/steps"] = "change",
        ["PUT /api/v1/tracks/{trackId:guid}/steps/{stepId:guid}/owner"] = "change",
        ["PUT /api/v1/tracks/{trackId:guid}/steps/{stepId:guid}/due"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/steps/{stepId:guid}/done"] = "change",
        ["POST /api/v1/tracks/{trackId:guid}/steps/{stepId:guid}/dropped"] = "change",
        ["GET /api/v1/coaching-card"] = "anyone",
        ["GET /api/v1/teams/{teamId:guid}/sessions/"] = "read",
        ["GET /api/v1/teams/{teamId:guid}/sessions/history"] = "read",
        ["GET /api/v1/teams/{teamId:guid}/sessions/open"] = "read",
        ["POST /api/v1/teams/{teamId:guid}/sessions/"] = "change",
        ["GET /api/v1/sessions/{sessionId:guid}/"] = "read",
        ["POST /api/v1/sessions/{sessionId:guid}/attendance"] = "change",
        ["POST /api/v1/sessions/{sessionId:guid}/coaching"] = "coach",
        ["POST /api/v1/sessions/{sessionId:guid}/coaching/answers"] = "coach",
        ["POST /api/v1/sessions/{sessionId:guid}/end"] = "change",
        ["GET /api/v1/teams/{teamId:guid}/wall-screens/"] = "wall screens",
        ["POST /api/v1/teams/{teamId:guid}/wall-screens/"] = "wall screens",
        ["POST /api/v1/wall-screens/{wallScreenId:guid}/revoke"] = "wall screens",
        ["GET /api/v1/teams/{teamId:guid}/calendar-feeds/"] = "read",
        ["POST /api/v1/teams/{teamId:guid}/calendar-feeds/"] = "read",
        ["POST /api/v1/teams/{teamId:guid}/calendar-feeds/{calendarFeedId:guid}/revoke"] = "change",
        ["GET /api/v1/me/calendar-feeds/"] = "signed in",
        ["POST /api/v1/me/calendar-feeds/"] = "signed in",
        ["POST /api/v1/me/calendar-feeds/{myCalendarFeedId:guid}/revoke"] = "signed in",
        ["GET /api/v1/calendar/{token}"] = "anyone",
        ["GET /api/v1/processes/"] = "signed in",
        ["GET /api/v1/processes/{processId:guid}"] = "signed in",
        ["POST /api/v1/teams/{teamId:guid}/processes"] = "change",
        ["PUT /api/v1/processes/{processId:guid}"] = "change",
        ["POST /api/v1/processes/{processId:guid}/maps"] = "change",
        ["PUT /api/v1/processes/{processId:guid}/maps/{mapId:guid}"] = "change",
        ["POST /api/v1/processes/{processId:guid}/tracks"] = "change",
        ["DELETE /api/v1/processes/{processId:guid}/tracks/{linkedTrackId:guid}"] = "change",
        ["POST /api/v1/processes/import"] = "beheerder",
        ["GET /api/v1/signal-themes/"] = "signed in",
        ["POST /api/v1/signal-themes/"] = "beheerder",
        ["PUT /api/v1/signal-themes/{themeId:guid}"] = "beheerder",
        ["GET /api/v1/signal-themes/{themeId:guid}"] = "signed in",
        ["POST /api/v1/signal-themes/{themeId:guid}/signals"] = "signed in",
        ["POST /api/v1/signal-themes/{themeId:guid}/signals/{signalId:guid}/reported-back"] = "signed in",
        ["POST /api/v1/signal-themes/{themeId:guid}/promotions"] = "signed in",
        ["POST /api/v1/signal-themes/import"] = "signed in",
        ["GET /api/v1/teams/{teamId:guid}/audit"] = "read",
        ["GET /api/v1/teams/{teamId:guid}/audit.csv"] = "read",
        ["GET /api/v1/accounts/"] = "beheerder",
        ["POST /api/v1/accounts/"] = "beheerder",
        ["PUT /api/v1/accounts/{accountId:guid}/roles"] = "beheerder",
        ["POST /api/v1/accounts/{accountId:guid}/unlock"] = "beheerder",
        ["POST /api/v1/accounts/{accountId:guid}/removed"] = "beheerder",
        ["GET /api/v1/programmes/"] = "signed in",
        ["POST /api/v1/programmes/"] = "directeur",
        ["GET /api/v1/programmes/{programmeId:guid}/"] = "signed in",
        ["GET /api/v1/programmes/{programmeId:guid}/rhythm"] = "signed in",
        ["PUT /api/v1/programmes/{programmeId:guid}/name"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/transition-goals"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/tactical-goals"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/goals/{goalId:guid}/achieved"] = "directeur",
        ["PUT /api/v1/programmes/{programmeId:guid}/goals/{goalId:guid}/status"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/tactical-goals/{tacticalGoalId:guid}/tracks"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/impediments"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/impediments/{impedimentId:guid}/resolved"] = "directeur",
        ["POST /api/v1/programmes/{programmeId:guid}/dependencies"] = "directeur",
        ["POST /api/v1/tracks/{trackId:guid}/obstacles/{obstacleId:guid}/escalation"] = "change",
    };

    public Task InitializeAsync() => app.SetUp();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void every_endpoint_in_the_route_table_has_its_rule_written_here_and_declares_one()
    {
        var routes = ApiRoutes().ToList();

        routes.Select(r => r.Key).Should().BeEquivalentTo(Endpoints.Keys, "every API endpoint needs its row in this table, and every row an endpoint");
        routes.Should().OnlyContain(r => r.Endpoint.Metadata.GetMetadata<Obeya.Web.Access.EndpointRule>() != null,
            "an endpoint without a declared rule is refused to everyone");
    }

    [Fact]
    public async Task every_other_endpoint_needs_sign_in_or_says_why_it_is_open()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) != true)
            // Blazor's own plumbing and the static files (scripts, styles), which hold nothing of a team.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null
                && !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal)
                && !(e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("_framework", StringComparison.Ordinal)
                && !(e.RoutePattern.RawText ?? "").Contains(":file}", StringComparison.Ordinal))
            .ToList();

        var unruled = endpoints.Where(e => e.Metadata.GetMetadata<Obeya.Web.Access.EndpointRule>() is null
            && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null);
        unruled.Select(e => e.RoutePattern.RawText).Should().BeEmpty("every page and endpoint needs sign-in or says why it is open");

        // And nobody signed in who opens a page is sent to sign in, for every page that needs it.
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var pages = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null
            && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != false).ToList();
        pages.Select(p => p.RoutePattern.RawText).Should().Contain(["/", "/tracks/{TrackId:guid}", "/teams/{TeamId:guid}/standup", "/wachtwoord"]);
        foreach (var page in pages)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(page.RoutePattern.RawText!, @"\{\w+:guid\}", app.TeamA.ToString());
            var response = await anonymous.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().Should().Contain("/inloggen", path);
        }
    }

    [Fact]
    public async Task everyone_gets_exactly_the_allowed_answer_from_every_endpoint_and_refusals_store_nothing()
    {
        var refused = new List<(string Route, string Person)>();
        var before = await app.EventCount();

        // First everything that must be refused: the store must not move.
        foreach (var (key, route) in ApiRoutes().Select(r => (r.Key, r.Endpoint.RoutePattern.RawText!)))
        {
            for (var who = 0; who < TwoTeams.People.Length; who++)
            {
                if (!Allowed[Endpoints[key]][who])
                {
                    var response = await Send(TwoTeams.People[who], key, route);
                    var expected = who == 0 ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected)
                    {
                        refused.Add(($"{key}: {(int)response.StatusCode} instead of {(int)expected}", TwoTeams.People[who]));
                    }
                }
            }
        }

        (await app.EventCount()).Should().Be(before, "nothing a refused caller tries is stored");

        // Then the allowed ones: past the rules, whatever the domain then says of the made-up ids or empty body.
        foreach (var (key, route) in ApiRoutes().Select(r => (r.Key, r.Endpoint.RoutePattern.RawText!)))
        {
            for (var who = 0; who < TwoTeams.People.Length; who++)
            {
                if (Allowed[Endpoints[key]][who])
                {
                    var response = await Send(TwoTeams.People[who], key, route);
                    if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)response.StatusCode >= 500)
                    {
                        refused.Add(($"{key}: {(int)response.StatusCode} for someone allowed", TwoTeams.People[who]));
                    }
                }
            }
        }

        refused.Should().BeEmpty();
    }

    [Fact]
    public async Task a_refusal_is_a_problem_in_dutch()
    {
        var response = await app.Client("Teamlid B").GetAsync($"/api/v1/tracks/{app.TrackA}");

        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden, "access");
        problem.GetProperty("detail").GetString().Should().Be("Je hebt geen toegang tot de borden van Team A.");
        await (await app.Client("Anoniem").GetAsync($"/api/v1/tracks/{app.TrackA}")).ShouldBeProblem(HttpStatusCode.Unauthorized, "access");
    }

    /// <summary>Every hub method and who may call it on team A's board ("wall A"/"wall B": a connection that joined that wall screen).</summary>
    private static readonly string[] HubCallers = [.. TwoTeams.People, "Wand A", "Wand B"];

    private static readonly Dictionary<string, bool[]> HubMethods = new()
    {
        //                        anonymous, teamlid A, coach A, teamlid B, directeur, beheerder, wall A, wall B
        [nameof(BoardHub.Join)] = [false, true, true, false, true, true, false, false],
        [nameof(BoardHub.Since)] = [false, true, true, false, true, true, true, false],
        // Anyone with the link; the token is the access (a wrong one is refused below).
        [nameof(BoardHub.JoinWall)] = [true, true, true, true, true, true, true, true],
        // Leaving a group one is not in changes nothing.
        [nameof(BoardHub.Leave)] = [true, true, true, true, true, true, true, true],
    };

    [Fact]
    public async Task every_hub_method_answers_exactly_those_allowed()
    {
        typeof(BoardHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name is not (nameof(BoardHub.OnDisconnectedAsync) or nameof(BoardHub.OnConnectedAsync))).Select(m => m.Name)
            .Should().BeEquivalentTo(HubMethods.Keys, "every hub method needs its row in this table");

        var wrong = new List<string>();
        var board = Boards.Track(app.TrackA);
        for (var who = 0; who < HubCallers.Length; who++)
        {
            var caller = HubCallers[who];
            await using var hub = await Connect(caller);
            foreach (var (method, allowed) in HubMethods)
            {
                var call = method switch
                {
                    nameof(BoardHub.Join) => hub.InvokeAsync(method, board),
                    nameof(BoardHub.Since) => hub.InvokeAsync<CatchUp>(method, board, 0L),
                    nameof(BoardHub.JoinWall) => hub.InvokeAsync<WallJoined>(method, caller == "Wand B" ? app.TokenB : app.TokenA),
                    _ => hub.InvokeAsync(method, board),
                };
                var succeeded = true;
                try
                {
                    await call;
                }
                catch (HubException)
                {
                    succeeded = false;
                }

                if (succeeded != allowed[who])
                {
                    wrong.Add($"{method} by {caller}: {(succeeded ? "answered" : "refused")}");
                }
            }
        }

        wrong.Should().BeEmpty();
    }

    [Fact]
    public async Task a_wrong_wall_token_joins_nothing()
    {
        await using var hub = await Connect("Anoniem");

        var join = () => hub.InvokeAsync<WallJoined>(nameof(BoardHub.JoinWall), "niet-een-echte-token");

        await join.Should().ThrowAsync<HubException>().WithMessage($"*{WallJoined.Refused}*");
    }

    /// <summary>A connection as that person; a wall connection has first joined its wall screen by token.</summary>
    private async Task<HubConnection> Connect(string caller)
    {
        var cookie = caller.StartsWith("Wand", StringComparison.Ordinal) ? null : await app.Cookie(caller);
        var hub = Live.TestHub.Connection(app, cookie);
        await hub.StartAsync();
        if (caller.StartsWith("Wand", StringComparison.Ordinal))
        {
            await hub.InvokeAsync<WallJoined>(nameof(BoardHub.JoinWall), caller == "Wand A" ? app.TokenA : app.TokenB);
        }

        return hub;
    }

    private IEnumerable<(string Key, RouteEndpoint Endpoint)> ApiRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => ($"{method} {e.RoutePattern.RawText}", e)));

    private async Task<HttpResponseMessage> Send(string person, string key, string route)
    {
        var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
        var path = route
            .Replace("{teamId:guid}", app.TeamA.ToString(), StringComparison.Ordinal)
            .Replace("{trackId:guid}", app.TrackA.ToString(), StringComparison.Ordinal)
            .Replace("{sessionId:guid}", app.SessionA.ToString(), StringComparison.Ordinal)
            .Replace("{wallScreenId:guid}", app.ScreenA.ToString(), StringComparison.Ordinal)
            .Replace("{processId:guid}", app.ProcessA.ToString(), StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+:guid\}", Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await app.Client(person).SendAsync(request);
    }
}
