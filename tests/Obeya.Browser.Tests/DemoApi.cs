using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Obeya.Browser.Tests;

/// <summary>
/// The HTTP API of the server under test, as a colleague at a desk uses it, signed in (Emmy of Team Werk unless
/// told otherwise): the demo team's track, and changes sent with the version last seen, so a browser test can
/// change a board from outside the browser.
/// </summary>
public sealed partial class DemoApi(string baseUrl, string email = BrowserFixture.EmmyEmail, string? password = null) : IDisposable
{
    private readonly HttpClient http = Client(baseUrl, email, password ?? BrowserFixture.PasswordOf(email));

    /// <summary>The signed-in client itself, for a test that sends its own requests.</summary>
    public HttpClient Http => http;

    public Task<JsonElement> Get(string path) => http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Posts and fails the test when refused; the answer's JSON.</summary>
    public async Task<JsonElement> Post(string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(answer);
        return JsonSerializer.Deserialize<JsonElement>(answer);
    }

    public async Task<Guid> DemoTrackId() => (await DemoTrack()).TrackId;

    public async Task<(Guid TeamId, Guid TrackId, string Title)> DemoTrack()
    {
        var teams = await http.GetFromJsonAsync<JsonElement>("/api/v1/teams");
        var teamId = teams.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Team Werk").GetProperty("id").GetGuid();
        var track = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/teams/{teamId}/tracks")).EnumerateArray()
            .Single(t => t.GetProperty("title").GetString() == "Kwaliteit van het klantgesprek");
        return (teamId, track.GetProperty("id").GetGuid(), track.GetProperty("title").GetString()!);
    }

    /// <summary>A new wall screen for the demo track: its id and the path carrying its secret token.</summary>
    public async Task<(Guid Id, string Path)> CreateWallScreen(Guid teamId, Guid trackId)
    {
        var response = await http.PostAsJsonAsync($"/api/v1/teams/{teamId}/wall-screens", new { name = "Scherm teamkamer", trackIds = new[] { trackId } });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        var created = JsonSerializer.Deserialize<JsonElement>(body);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("path").GetString()!);
    }

    public async Task Revoke(Guid wallScreenId) =>
        (await http.PostAsync($"/api/v1/wall-screens/{wallScreenId}/revoke", null)).EnsureSuccessStatusCode();

    public async Task<string> FocusedObstacle(Guid trackId)
    {
        var track = await Track(trackId);
        var focused = track.GetProperty("focusedObstacleId").GetGuid();
        return track.GetProperty("obstacles").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == focused).GetProperty("text").GetString()!;
    }

    public async Task RephraseFocusedObstacle(Guid trackId, string text)
    {
        var focused = (await Track(trackId)).GetProperty("focusedObstacleId").GetGuid();
        await Change(trackId, HttpMethod.Put, $"/obstacles/{focused}/text", new { text });
    }

    public async Task<JsonElement> Track(Guid trackId) => await http.GetFromJsonAsync<JsonElement>($"/api/v1/tracks/{trackId}");

    /// <summary>Sends one change to the track against its current version; fails the test when it is refused.</summary>
    public async Task Change(Guid trackId, HttpMethod method, string relativePath, object? body = null)
    {
        var current = await http.GetAsync($"/api/v1/tracks/{trackId}");
        current.EnsureSuccessStatusCode();
        var request = new HttpRequestMessage(method, $"/api/v1/tracks/{trackId}{relativePath}")
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(answer);
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// Signs in through the login form, as a browser does, and gives the cookies that left (sign-in, language) for a
    /// browser that is to start signed in.
    /// </summary>
    public static async Task<IReadOnlyList<Cookie>> SignInCookies(string baseUrl, string email, string password)
    {
        var site = new Uri(baseUrl);
        using var signsIn = new SignsIn(email, password);
        await signsIn.SignIn(site, CancellationToken.None);
        return [.. signsIn.Cookies.GetCookies(site).Cast<Cookie>()];
    }

    private static HttpClient Client(string baseUrl, string email, string password)
    {
        var client = new HttpClient(new SignsIn(email, password)) { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Signs in through the login form on the first request, as a browser would; the cookie does the rest.</summary>
    private sealed class SignsIn(string email, string password, CookieContainer cookies)
        : DelegatingHandler(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
    {
        public SignsIn(string email, string password)
            : this(email, password, new CookieContainer())
        {
        }

        public CookieContainer Cookies => cookies;

        private readonly SemaphoreSlim gate = new(1, 1);
        private bool signedIn;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (!signedIn)
                {
                    await SignIn(new Uri(request.RequestUri!.GetLeftPart(UriPartial.Authority)), cancellationToken);
                    signedIn = true;
                }
            }
            finally
            {
                gate.Release();
            }

            return await base.SendAsync(request, cancellationToken);
        }

        public async Task SignIn(Uri site, CancellationToken ct)
        {
            using var form = await base.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(site, "/inloggen")), ct);
            var token = WebUtility.HtmlDecode(TokenField().Match(await form.Content.ReadAsStringAsync(ct)).Groups[1].Value);
            using var answer = await base.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(site, "/inloggen"))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = password, ["returnUrl"] = "/",
                }),
            }, ct);
            answer.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{email} signs in");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
