using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Security;

/// <summary>
/// Another site cannot make a signed-in browser change anything: whatever the content type, with a body or
/// without, and the live channel refuses its connections; this site's own requests go through as before.
/// </summary>
public class CrossSiteTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private const string Foreign = "https://evil.example";

    private async Task<(Guid Team, Guid Screen)> ATeamWithAWallScreen()
    {
        var emmy = app.ClientFor("Emmy");
        var team = (await (await emmy.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name("Team") })).Json<JsonElement>()).GetProperty("id").GetGuid();
        await emmy.JoinAsCoach(team, "Emmy");
        var track = (await (await emmy.PostAsJsonAsync($"/api/v1/teams/{team}/tracks", new { title = "Bord", challenge = "Beter" })).Json<JsonElement>()).GetProperty("id").GetGuid();
        var screen = (await (await emmy.PostAsJsonAsync($"/api/v1/teams/{team}/wall-screens", new { name = "Tv", trackIds = new[] { track } })).Json<JsonElement>())
            .GetProperty("id").GetGuid();
        return (team, screen);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content, string? origin = null, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", await app.CookieOf("Emmy"));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        return await app.CreateClient().SendAsync(request);
    }

    [Theory]
    [InlineData(Foreign, null)]
    [InlineData("null", null)]
    [InlineData("http://localhost:1234", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public async Task a_bodyless_write_a_form_of_another_site_could_send_is_refused_and_stores_nothing(string? origin, string? fetchSite)
    {
        var (_, screen) = await ATeamWithAWallScreen();
        var before = await app.EventCount();

        var revoke = await Send(HttpMethod.Post, $"/api/v1/wall-screens/{screen}/revoke", new StringContent("x=1", Encoding.UTF8, "text/plain"), origin, fetchSite);

        await revoke.ShouldBeProblem(HttpStatusCode.Forbidden, "Origin");
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task a_json_write_from_another_site_is_refused_too()
    {
        var (team, _) = await ATeamWithAWallScreen();
        var before = await app.EventCount();

        var added = await Send(HttpMethod.Post, $"/api/v1/teams/{team}/members", JsonContent.Create(new { name = "Indringer" }), Foreign);

        await added.ShouldBeProblem(HttpStatusCode.Forbidden, "Origin");
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task this_sites_own_requests_go_through()
    {
        var (_, screen) = await ATeamWithAWallScreen();

        var revoke = await Send(HttpMethod.Post, $"/api/v1/wall-screens/{screen}/revoke", null, "http://localhost", "same-origin");

        revoke.StatusCode.Should().Be(HttpStatusCode.OK, await revoke.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_live_channel_refuses_a_connection_another_site_opens_with_the_cookie()
    {
        var negotiate = await Send(HttpMethod.Post, "/hubs/boards/negotiate?negotiateVersion=1", null, Foreign);
        await negotiate.ShouldBeProblem(HttpStatusCode.Forbidden, "Origin");

        var socket = app.Server.CreateWebSocketClient();
        var cookie = await app.CookieOf("Emmy");
        socket.ConfigureRequest = request =>
        {
            request.Headers.Cookie = cookie;
            request.Headers.Origin = Foreign;
        };
        var connect = () => socket.ConnectAsync(new Uri(app.Server.BaseAddress, "hubs/boards"), CancellationToken.None);
        await connect.Should().ThrowAsync<InvalidOperationException>("the server answers the upgrade with 403 instead of a WebSocket");

        var own = await Send(HttpMethod.Post, "/hubs/boards/negotiate?negotiateVersion=1", null, "http://localhost");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
