using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Accounts;

namespace Obeya.Web.Tests.Accounts;

/// <summary>Obeya signing in through a real OpenID provider over HTTPS, whose CA it is told to trust.</summary>
public class RealProviderApp : AccountsApp
{
    /// <summary>Where Obeya is reached through a TLS-terminating proxy, as registered at the provider: https only.</summary>
    public const string BehindProxy = "https://obeya.gemeente.example.nl";

    public OpenIdProvider Provider { get; private set; } = null!;

    protected virtual bool ProviderOffersLogout => true;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Provider = await OpenIdProvider.StartAsync([TestBrowser.Obeya.GetLeftPart(UriPartial.Authority), BehindProxy], ProviderOffersLogout);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Obeya:Oidc:Authority", Provider.Issuer);
        builder.UseSetting("Obeya:Oidc:ClientId", OpenIdProvider.ClientId);
        builder.UseSetting("Obeya:Oidc:ClientSecret", OpenIdProvider.ClientSecret);
        builder.UseSetting("Obeya:Oidc:TrustedCertificate", Provider.CertificateAuthorityPath);
    }

    /// <summary>A browser of its own (its own cookies) for Obeya as this factory, or <paramref name="app"/>, runs it.</summary>
    public TestBrowser NewBrowser(WebApplicationFactory<Program>? app = null) =>
        new((app ?? this).Server.CreateHandler(), Provider.BrowserHandler());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public class RealProviderTests(RealProviderApp app) : IClassFixture<RealProviderApp>
{
    private const string AnyPassword = "wat-de-organisatie-ook-vraagt";

    private OpenIdProvider Provider => app.Provider;

    /// <summary>
    /// From Obeya's login page through the provider's pages (login, consent, the form that posts the answer back)
    /// to wherever Obeya sends the browser; says whether the provider asked for a login name and password.
    /// </summary>
    internal static async Task<(TestBrowser.Page Page, bool AskedForCredentials)> SignInThroughOrganisation(
        TestBrowser browser, string subject, Func<TestBrowser.Page, Task<TestBrowser.Page>>? atLogin = null)
    {
        var page = await browser.Click(await browser.Open("/inloggen"), "Inloggen via je organisatie");
        var asked = false;
        for (var step = 0; !page.AtObeya; step++)
        {
            step.Should().BeLessThan(10, $"the provider should be done after a few pages, now at {page.Address}");
            if (page.AsksForCredentials)
            {
                asked = true;
                page = atLogin is not null
                    ? await atLogin(page)
                    : await browser.Submit(page, null, ("login", subject), ("password", AnyPassword));
            }
            else
            {
                // The consent page, or the page that posts the provider's answer back to Obeya (response_mode=form_post).
                page = await browser.Submit(page);
            }
        }

        return (page, asked);
    }

    private async Task<Account> AccountWith(string password, params GlobalRole[] roles) => await app.NewAccount(password, roles);

    private async Task<Account> Stored(Guid accountId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AccountService>().LoadAsync(accountId, CancellationToken.None))!;
    }

    private static string Subject(string who) => $"{who}-{Guid.NewGuid():N}";

    internal static async Task<string?> SignedInAs(TestBrowser browser)
    {
        var page = await browser.Open("/uitloggen");
        return page.Address.AbsolutePath == "/uitloggen" ? page.Text : null;
    }

    [Fact]
    public async Task a_verified_email_of_an_existing_account_signs_in_and_binds_the_account_to_the_subject()
    {
        var account = await AccountWith("een-lang-wachtwoord", GlobalRole.ProgrammeDirector);
        var subject = Subject("pieter");
        Provider.Person(subject, account.Email.ToUpperInvariant(), emailVerified: true, "Pieter bij de organisatie");
        using var browser = app.NewBrowser();

        var (page, asked) = await SignInThroughOrganisation(browser, subject);

        asked.Should().BeTrue();
        page.Address.Should().Be(new Uri(TestBrowser.Obeya, "/"));
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Html.Should().Contain("href=\"/wachtwoord\"", "an account with a password is offered to change it");
        (await SignedInAs(browser)).Should().Contain($"Je bent ingelogd als {account.Name}");
        (await Stored(account.Id)).External.Should().Be(new ExternalIdentity(Provider.Issuer, subject));
    }

    [Fact]
    public async Task claims_the_provider_gives_only_through_userinfo_are_read_and_only_the_id_token_is_kept()
    {
        var subject = Subject("nieuw");
        var email = $"{subject}@werk.example.nl";
        Provider.Person(subject, email, emailVerified: true, "Nieuw Lid");
        using var browser = app.NewBrowser();

        var (page, _) = await SignInThroughOrganisation(browser, subject);

        page.Address.AbsolutePath.Should().Be("/");
        var ticket = Ticket(browser);
        ticket.Properties.GetTokens().Select(t => t.Name).Should().Equal("id_token");
        var idToken = IdTokenClaims(ticket.Properties.GetTokenValue("id_token")!);
        idToken.Should().Contain("sub").And.NotContain(["email", "email_verified", "name"], "the provider, like the specification, gives them through userinfo");
        var made = (await app.FindAccount(email))!;
        made.Name.Should().Be("Nieuw Lid");
        made.PasswordHash.Should().BeNull();
        page.Html.Should().NotContain("href=\"/wachtwoord\"", "an account without a password has none to change");
        (await SignedInAs(browser)).Should().Contain("Je bent ingelogd als Nieuw Lid").And.NotContain("Wachtwoord wijzigen");
    }

    [Fact]
    public async Task an_unverified_email_with_the_beheerders_address_is_refused_in_dutch_and_binds_nothing()
    {
        var beheerder = await AccountWith("een-lang-wachtwoord", GlobalRole.Administrator);
        var intruder = Subject("indringer");
        Provider.Person(intruder, beheerder.Email, emailVerified: false, "Anna de Beheerder");
        using var browser = app.NewBrowser();

        var (page, _) = await SignInThroughOrganisation(browser, intruder);

        page.Address.AbsolutePath.Should().Be("/inloggen");
        page.Text.Should().Contain("Je organisatie heeft niet bevestigd dat dit e-mailadres van jou is. Daarom kun je er niet mee inloggen. Vraag je beheerder om hulp.");
        (await Stored(beheerder.Id)).External.Should().BeNull();
        (await SignedInAs(browser)).Should().BeNull();
    }

    [Fact]
    public async Task a_second_subject_with_the_same_verified_email_cannot_take_over_a_bound_account()
    {
        var account = await AccountWith("een-lang-wachtwoord");
        var (owner, other) = (Subject("eigenaar"), Subject("ander"));
        Provider.Person(owner, account.Email, emailVerified: true, account.Name);
        Provider.Person(other, account.Email, emailVerified: true, account.Name);
        using (var first = app.NewBrowser())
        {
            (await SignInThroughOrganisation(first, owner)).Page.Address.AbsolutePath.Should().Be("/");
        }

        using var browser = app.NewBrowser();
        var (page, _) = await SignInThroughOrganisation(browser, other);

        page.Address.AbsolutePath.Should().Be("/inloggen");
        page.Text.Should().Contain("Het account met dit e-mailadres hoort al bij een andere inlog van je organisatie. Daarom kun je er niet mee inloggen. Vraag je beheerder om hulp.");
        (await Stored(account.Id)).External.Should().Be(new ExternalIdentity(Provider.Issuer, owner));
        (await SignedInAs(browser)).Should().BeNull();
    }

    [Fact]
    public async Task a_provider_user_without_an_email_is_told_so_in_dutch()
    {
        using var browser = app.NewBrowser();

        var (page, _) = await SignInThroughOrganisation(browser, Subject("zonder-adres"));

        page.Address.AbsolutePath.Should().Be("/inloggen");
        page.Text.Should().Contain("Je organisatie gaf geen e-mailadres van je door. Obeya heeft dat nodig om je account te vinden. Vraag je beheerder om hulp.");
    }

    [Fact]
    public async Task cancelling_at_the_provider_shows_the_dutch_reason_on_the_login_page()
    {
        using var browser = app.NewBrowser();

        var (page, _) = await SignInThroughOrganisation(browser, Subject("twijfelaar"), atLogin: login => browser.Click(login, "[ Cancel ]"));

        page.Address.AbsolutePath.Should().Be("/inloggen");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().Contain("Je hebt het inloggen bij je organisatie afgebroken. Je bent niet ingelogd.").And.Contain("Inloggen via je organisatie");
        (await SignedInAs(browser)).Should().BeNull();
    }

    [Fact]
    public async Task signing_out_ends_the_session_at_the_provider_so_the_next_sign_in_asks_for_credentials_again()
    {
        var subject = Subject("emmy");
        Provider.Person(subject, $"{subject}@werk.example.nl", emailVerified: true, "Emmy");
        using var browser = app.NewBrowser();
        (await SignInThroughOrganisation(browser, subject)).AskedForCredentials.Should().BeTrue();
        (await SignInThroughOrganisation(browser, subject)).AskedForCredentials.Should().BeFalse("the provider still has its session");

        var signOut = await browser.Open("/uitloggen");
        var atProvider = await browser.Submit(signOut, "/uitloggen");
        atProvider.AtObeya.Should().BeFalse("the provider asks whether to end its session too");
        var signedOut = await browser.Submit(atProvider, null, ("logout", "yes"));

        signedOut.Address.PathAndQuery.Should().Be("/inloggen?uitgelogd=true");
        signedOut.Text.Should().Contain("Je bent uitgelogd.");
        browser.Visited.Should().Contain(uri => uri.AbsoluteUri.StartsWith(Provider.Issuer, StringComparison.Ordinal)
            && uri.Query.Contains("id_token_hint=", StringComparison.Ordinal));
        (await SignedInAs(browser)).Should().BeNull();
        var again = await SignInThroughOrganisation(browser, subject);
        again.AskedForCredentials.Should().BeTrue();
        again.Page.Address.AbsolutePath.Should().Be("/");
    }

    [Fact]
    public async Task forms_may_post_on_to_the_provider_and_nowhere_else()
    {
        using var browser = app.NewBrowser();

        var page = await browser.Open("/inloggen");

        page.ContentSecurityPolicy.Should().Contain($"form-action 'self' {new Uri(Provider.Issuer).GetLeftPart(UriPartial.Authority)};");
    }

    [Fact]
    public async Task a_provider_whose_certificate_obeya_does_not_trust_is_refused_with_the_dutch_reason()
    {
        await using var untrusting = app.WithWebHostBuilder(builder => builder.UseSetting("Obeya:Oidc:TrustedCertificate", ""));
        using var browser = app.NewBrowser(untrusting);

        var page = await browser.Click(await browser.Open("/inloggen"), "Inloggen via je organisatie");

        page.Address.AbsolutePath.Should().Be("/inloggen");
        page.Text.Should().Contain("Obeya kan de inlogdienst van je organisatie nu niet bereiken. Probeer het later opnieuw, of log in met je e-mailadres en wachtwoord.");
        browser.Visited.Should().NotContain(uri => uri.AbsoluteUri.StartsWith(Provider.Issuer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_provider_that_does_not_answer_is_refused_with_the_dutch_reason()
    {
        // Nothing listens on port 1: the connection is refused at once.
        await using var unreachable = app.WithWebHostBuilder(builder => builder.UseSetting("Obeya:Oidc:Authority", "https://127.0.0.1:1/realms/obeya"));
        using var browser = app.NewBrowser(unreachable);

        var page = await browser.Click(await browser.Open("/inloggen?returnUrl=%2Fobeya"), "Inloggen via je organisatie");

        page.Address.AbsolutePath.Should().Be("/inloggen");
        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().Contain("Obeya kan de inlogdienst van je organisatie nu niet bereiken. Probeer het later opnieuw, of log in met je e-mailadres en wachtwoord.");
        page.Forms.Should().Contain(f => f.Fields.GetValueOrDefault("returnUrl") == "/obeya", "trying again still leads to where the person was going");
    }

    [Fact]
    public async Task a_message_on_the_login_page_is_only_one_obeya_wrote()
    {
        using var browser = app.NewBrowser();

        var page = await browser.Open("/inloggen?fout=Bel%20ons%20op%20020-1234567");

        page.Status.Should().Be(HttpStatusCode.OK);
        page.Text.Should().NotContain("Bel ons");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task behind_a_tls_proxy_named_as_such_the_provider_gets_the_https_redirect_uri_it_registered(bool named)
    {
        var forwarded = named;
        await using var behindProxy = app.WithWebHostBuilder(builder =>
        {
            builder.ConfigureServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter>(
                _ => new Security.ArrivingFrom(System.Net.IPAddress.Parse("10.1.2.3"))));
            if (named)
            {
                builder.UseSetting("Obeya:Proxy:KnownProxies", "10.1.2.3");
            }
        });
        using var client = behindProxy.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // What the proxy sends on: plain http to Obeya, saying the browser came over https.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{new Uri(RealProviderApp.BehindProxy).Host}/inloggen/organisatie");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        // The handler pushes the authorization request to the provider first (PAR), which checks the redirect URI.
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        if (forwarded)
        {
            location.GetLeftPart(UriPartial.Authority).Should().Be(new Uri(Provider.Issuer).GetLeftPart(UriPartial.Authority));
        }
        else
        {
            location.IsAbsoluteUri.Should().BeFalse("the provider refused http://…/signin-oidc, so Obeya shows its login page with the reason");
            location.OriginalString.Should().StartWith("/inloggen?fout=");
        }
    }

    private AuthenticationTicket Ticket(TestBrowser browser)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = browser.CookieHeader(TestBrowser.Obeya);
        var cookie = new ChunkingCookieManager().GetRequestCookie(http, "obeya.auth")!;
        return app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).TicketDataFormat.Unprotect(cookie)!;
    }

    private static IReadOnlyList<string> IdTokenClaims(string jwt)
    {
        using var payload = JsonDocument.Parse(WebEncoders.Base64UrlDecode(jwt.Split('.')[1]));
        return [.. payload.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}

/// <summary>A provider without an end-session endpoint (no RP-initiated logout).</summary>
public class ProviderWithoutLogoutApp : RealProviderApp
{
    protected override bool ProviderOffersLogout => false;
}

public class ProviderWithoutLogoutTests(ProviderWithoutLogoutApp app) : IClassFixture<ProviderWithoutLogoutApp>
{
    [Fact]
    public async Task signing_out_signs_out_of_obeya_when_the_provider_offers_no_end_session()
    {
        var subject = $"marieke-{Guid.NewGuid():N}";
        app.Provider.Person(subject, $"{subject}@werk.example.nl", emailVerified: true, "Marieke");
        using var browser = app.NewBrowser();
        (await RealProviderTests.SignInThroughOrganisation(browser, subject)).Page.Address.AbsolutePath.Should().Be("/");

        var signedOut = await browser.Submit(await browser.Open("/uitloggen"), "/uitloggen");

        signedOut.Address.PathAndQuery.Should().Be("/inloggen?uitgelogd=true");
        signedOut.Text.Should().Contain("Je bent uitgelogd.");
        (await RealProviderTests.SignedInAs(browser)).Should().BeNull();
        browser.Visited.Should().NotContain(uri => uri.AbsolutePath.StartsWith("/session/end", StringComparison.Ordinal));
    }
}
