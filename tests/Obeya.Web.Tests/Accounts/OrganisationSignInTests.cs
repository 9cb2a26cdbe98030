using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Obeya.Testing;
using Obeya.Web.Accounts;

namespace Obeya.Web.Tests.Accounts;

/// <summary>Obeya with an OpenID Connect provider configured; no provider is ever contacted.</summary>
public class OidcApp : AccountsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Obeya:Oidc:Authority", "https://login.gemeente.example.nl/realms/obeya");
        builder.UseSetting("Obeya:Oidc:ClientId", "obeya-web");
        builder.UseSetting("Obeya:Oidc:ClientSecret", "geheim");
    }
}

public class OrganisationSignInTests(OidcApp app) : IClassFixture<OidcApp>
{
    [Fact]
    public async Task with_the_configuration_the_oidc_scheme_is_wired_to_the_provider_and_offered_on_the_login_page()
    {
        var scheme = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(AccountEndpoints.OidcScheme);
        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AccountEndpoints.OidcScheme);

        scheme!.HandlerType.Should().Be<OpenIdConnectHandler>();
        options.Authority.Should().Be("https://login.gemeente.example.nl/realms/obeya");
        options.ClientId.Should().Be("obeya-web");
        options.ClientSecret.Should().Be("geheim");
        options.ResponseType.Should().Be("code");
        options.Scope.Should().Contain("email");
        (await app.Browser().GetStringAsync("/inloggen")).Should().Contain("Inloggen via je organisatie");
    }

    [Fact]
    public async Task the_providers_user_is_matched_by_email_or_gets_a_new_account()
    {
        var existing = await app.NewAccount("een-lang-wachtwoord");
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var matched = await accounts.SignedInExternallyAsync(existing.Email.ToUpperInvariant(), "Andere Naam", CancellationToken.None);
        var made = await accounts.SignedInExternallyAsync("Nieuw.Lid@Werk.Example.NL", "Nieuw Lid", CancellationToken.None);

        matched.Id.Should().Be(existing.Id);
        made.Email.Should().Be("nieuw.lid@werk.example.nl");
        made.PasswordHash.Should().BeNull();
        (await app.FindAccount("nieuw.lid@werk.example.nl"))!.Name.Should().Be("Nieuw Lid");
    }
}

public class WithoutOidcTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    [Fact]
    public async Task without_the_configuration_there_is_no_oidc_scheme_nor_a_link_to_it()
    {
        (await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(AccountEndpoints.OidcScheme)).Should().BeNull();
        (await app.Browser().GetStringAsync("/inloggen")).Should().NotContain("Inloggen via je organisatie");
        (await app.Browser().GetAsync("/inloggen/organisatie")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
