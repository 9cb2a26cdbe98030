using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Obeya.Testing;

/// <summary>One node of several: the given database and Redis, its own everything else.</summary>
public sealed class ObeyaNode(string database, string redis, string prefix) : ObeyaApp
{
    public override Task InitializeAsync()
    {
        ConnectionString = database;
        return Task.CompletedTask;
    }

    /// <summary>Where the node listens once started on a real port; null on the test server.</summary>
    public Uri? KestrelAddress { get; set; }

    protected override HttpClient BrowserClient() => KestrelAddress is { } address
        ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address }
        : base.BrowserClient();

    /// <summary>The proxy whose X-Forwarded-* the node believes (Obeya:Proxy:KnownProxies), set before the node starts.</summary>
    public string? KnownProxy { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Redis", redis);
        builder.UseSetting("Obeya:Redis:Prefix", prefix);
        if (KnownProxy is not null)
        {
            builder.UseSetting("Obeya:Proxy:KnownProxies", KnownProxy);
        }
    }
}

/// <summary>Two nodes on real ports, one PostgreSQL, one Redis, and Debian's nginx in front with the repo's settings.</summary>
public sealed class TwoNodesBehindNginx : IAsyncLifetime
{
    public TestRedis Redis { get; private set; } = null!;

    public ObeyaNode A { get; private set; } = null!;

    public ObeyaNode B { get; private set; } = null!;

    public TestNginx Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await TestRedis.StartAsync();
        var database = await TestDatabase.CreateAsync(nameof(TwoNodesBehindNginx));
        var prefix = $"n{Guid.NewGuid():N}"[..12];
        (A, B) = (new ObeyaNode(database, Redis.ConnectionString, prefix), new ObeyaNode(database, Redis.ConnectionString, prefix));
        foreach (var node in new[] { A, B })
        {
            await node.InitializeAsync();
            node.KnownProxy = "127.0.0.1";
            node.UseKestrel(0);
            node.StartServer();
            node.KestrelAddress = AddressOf(node);
        }

        Nginx = await TestNginx.StartAsync(AddressOf(A), AddressOf(B));
    }

    /// <summary>
    /// What the tests behind nginx start from: Emmy (a beheerder, signed in on node A) with a client through nginx, a
    /// team she coaches with one track, and a wall screen of that track (its token and path).
    /// </summary>
    public async Task<(HttpClient Emmy, Guid TrackId, JsonElement WallScreen)> WallScreenAsync(string teamName, string trackTitle)
    {
        var emmy = new HttpClient { BaseAddress = Nginx.BaseAddress };
        emmy.DefaultRequestHeaders.Add("Cookie", await A.CookieOf("Emmy", Obeya.Domain.Accounts.GlobalRole.Administrator));
        var team = (await Made(await emmy.PostAsJsonAsync("/api/v1/teams", new { name = Unique.Name(teamName) }))).GetProperty("id").GetGuid();
        (await emmy.PostAsJsonAsync($"/api/v1/teams/{team}/coaches", new { name = "Emmy", email = ObeyaApp.EmailOf("Emmy") })).EnsureSuccessStatusCode();
        var track = (await Made(await emmy.PostAsJsonAsync($"/api/v1/teams/{team}/tracks", new { title = trackTitle, challenge = "Altijd live" })))
            .GetProperty("id").GetGuid();
        var screen = await Made(await emmy.PostAsJsonAsync($"/api/v1/teams/{team}/wall-screens", new { name = "Tv gang", trackIds = new[] { track } }));
        return (emmy, track, screen);
    }

    private static async Task<JsonElement> Made(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Uri AddressOf(ObeyaNode node) => new(node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task DisposeAsync()
    {
        await Nginx.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
