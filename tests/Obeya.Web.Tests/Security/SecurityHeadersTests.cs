using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Testing;
using Obeya.Web.Security;

namespace Obeya.Web.Tests.Security;

/// <summary>Every answer carries the browser-side defences: pages, the API, its refusals, static files and the wall.</summary>
public class SecurityHeadersTests(ObeyaApp app) : IClassFixture<ObeyaApp>
{
    private readonly HttpClient client = app.ClientFor("Emmy");

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/teams")]
    [InlineData("/api/v1/teams/00000000-0000-0000-0000-000000000001")]
    [InlineData("/app.css")]
    [InlineData("/health/live")]
    [InlineData("/bestaat-niet")]
    public async Task a_response_carries_the_security_headers(string path)
    {
        var response = await client.GetAsync(path);

        Header(response, "Content-Security-Policy").Should().Be(SecurityHeaders.ContentSecurityPolicy);
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "Referrer-Policy").Should().Be("strict-origin-when-cross-origin");
        Header(response, "Permissions-Policy").Should().Contain("camera=()").And.Contain("geolocation=()");
    }

    [Fact]
    public async Task the_policy_allows_only_this_server_and_no_inline_script()
    {
        var policy = Header(await client.GetAsync("/"), "Content-Security-Policy")
            .Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);

        policy["default-src"].Should().Be("default-src 'self'");
        policy["script-src"].Should().Be("script-src 'self'");
        policy["connect-src"].Should().Be("connect-src 'self'");
        policy["img-src"].Should().Be("img-src 'self' data:");
        policy["frame-ancestors"].Should().Be("frame-ancestors 'none'");
        policy["base-uri"].Should().Be("base-uri 'self'");
        policy["form-action"].Should().Be("form-action 'self'");
        policy["object-src"].Should().Be("object-src 'none'");
    }

    [Fact]
    public async Task a_refused_write_still_carries_them()
    {
        var response = await client.PostAsync("/api/v1/teams", new StringContent("{", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Header(response, "Content-Security-Policy").Should().Be(SecurityHeaders.ContentSecurityPolicy);
        Header(response, "X-Frame-Options").Should().Be("DENY");
    }

    [Fact]
    public async Task a_wall_link_sends_no_referrer_at_all()
    {
        var response = await client.GetAsync("/wall/geen-geldig-token");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
        Header(response, "Content-Security-Policy").Should().Be(SecurityHeaders.ContentSecurityPolicy);
    }

    [Fact]
    public async Task plain_http_in_development_gets_no_hsts()
    {
        var response = await client.GetAsync("/");

        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task https_outside_development_pins_the_site_to_https()
    {
        await using var production = new ProductionApp(app.ConnectionString);
        using var https = production.CreateClient(new() { BaseAddress = new Uri("https://obeya.gemeente.example.nl") });

        var response = await https.GetAsync("/health/live");

        Header(response, "Strict-Transport-Security").Should().StartWith("max-age=");
        Header(response, "Content-Security-Policy").Should().Be(SecurityHeaders.ContentSecurityPolicy);
    }

    /// <summary>The same host in Production, on the database of the class's own app (already created and migrated).</summary>
    private sealed class ProductionApp(string connectionString) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Obeya", connectionString);
            builder.UseSetting("Obeya:Demo", "false");
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing from {response.RequestMessage?.RequestUri}");

    [Theory]
    [InlineData("/api/v1/teams")]
    [InlineData("/")]
    [InlineData("/api/v1/teams/00000000-0000-0000-0000-000000000001")]
    public async Task what_a_signed_in_person_is_shown_is_never_cached(string path)
    {
        var response = await client.GetAsync(path);

        response.Headers.CacheControl?.NoStore.Should().BeTrue(path);
    }

    [Fact]
    public async Task static_files_keep_their_own_caching()
    {
        var response = await client.GetAsync("/app.css");

        response.Headers.CacheControl?.NoStore.Should().NotBe(true);
    }
}

/// <summary>Obeya on a real Kestrel port: what Kestrel itself adds to an answer.</summary>
public sealed class KestrelApp : ObeyaApp, IAsyncLifetime
{
    public string BaseUrl { get; private set; } = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
    }
}

public class KestrelHeadersTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    [Theory]
    [InlineData("/inloggen")]
    [InlineData("/health/live")]
    [InlineData("/api/v1/teams")]
    public async Task no_answer_names_the_server_software(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var response = await http.GetAsync(path);

        response.Headers.Server.Should().BeEmpty();
        response.Headers.Contains("Server").Should().BeFalse();
    }
}
