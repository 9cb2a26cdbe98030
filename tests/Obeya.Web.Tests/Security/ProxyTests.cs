using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Testing;
using Obeya.Web.Tests.Accounts;

namespace Obeya.Web.Tests.Security;

/// <summary>Obeya behind nginx at 10.1.2.3, which ends TLS and names the client in X-Forwarded-For (as the README configures it).</summary>
public class BehindAProxyApp : ObeyaApp
{
    public const string Proxy = "10.1.2.3";

    protected virtual string? KnownProxies => Proxy;

    protected override int? SignInsPerMinute => 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Not Development, where Obeya leaves HSTS out.
        builder.UseEnvironment("Staging");
        if (KnownProxies is { } proxies)
        {
            builder.UseSetting("Obeya:Proxy:KnownProxies", proxies);
        }

        // Every request of the test server arrives from the proxy's address, as through nginx.
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter>(_ => new ArrivingFrom(IPAddress.Parse(Proxy))));
    }
}

/// <summary>Makes every request of the test server arrive from one address (the test server gives none).</summary>
public sealed class ArrivingFrom(IPAddress address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, following) =>
        {
            http.Connection.RemoteIpAddress = address;
            return following(http);
        });
        next(app);
    };
}

/// <summary>The same, with nobody configured as proxy: then forwarded headers are anyone's and count for nothing.</summary>
public sealed class NoProxyConfiguredApp : BehindAProxyApp
{
    protected override string? KnownProxies => null;
}

public class ProxyTests(BehindAProxyApp app) : IClassFixture<BehindAProxyApp>
{
    private const string Password = "een-lang-wachtwoord";

    private static HttpClient ForwardedFor(HttpClient client, string clientAddress)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "obeya.gemeente.example.nl");
        return client;
    }

    [Fact]
    public async Task over_the_proxys_https_the_cookie_is_secure_and_hsts_is_sent()
    {
        var account = await app.NewAccount(Password);
        var browser = ForwardedFor(app.Browser(), "192.0.2.10");

        var signedIn = await browser.SignIn(account.Email, Password);

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("obeya.auth=", StringComparison.Ordinal)).ToLowerInvariant().Should().Contain("secure");
        (await browser.GetAsync("/inloggen")).Headers.Contains("Strict-Transport-Security").Should().BeTrue();
    }

    [Fact]
    public async Task each_person_behind_the_proxy_has_their_own_sign_in_limit()
    {
        var first = ForwardedFor(app.Browser(), "192.0.2.21");
        var second = ForwardedFor(app.Browser(), "192.0.2.22");

        for (var i = 0; i < 3; i++)
        {
            (await first.SignIn("iemand@werk.example.nl", "verkeerd-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await first.SignIn("iemand@werk.example.nl", "verkeerd-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await second.SignIn("iemand@werk.example.nl", "verkeerd-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}

public class UnconfiguredProxyTests(NoProxyConfiguredApp app) : IClassFixture<NoProxyConfiguredApp>
{
    [Fact]
    public async Task forwarded_headers_from_an_unnamed_proxy_are_ignored()
    {
        var account = await app.NewAccount("een-lang-wachtwoord");
        var browser = app.Browser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.30");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Host", "obeya.gemeente.example.nl");

        var signedIn = await browser.SignIn(account.Email, "een-lang-wachtwoord");

        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("obeya.auth=", StringComparison.Ordinal)).ToLowerInvariant().Should().NotContain("secure");
        (await browser.GetAsync("/inloggen")).Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }
}
