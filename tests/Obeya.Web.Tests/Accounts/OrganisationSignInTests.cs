using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Obeya.Domain.Accounts;
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
        options.RequireHttpsMetadata.Should().BeTrue();
        options.GetClaimsFromUserInfoEndpoint.Should().BeTrue();
        (await app.Browser().GetStringAsync("/inloggen")).Should().Contain("Inloggen via je organisatie");
    }

    private const string Issuer = "https://login.gemeente.example.nl/realms/obeya";

    [Fact]
    public async Task an_account_bound_by_a_verified_email_is_found_again_by_issuer_and_subject_alone()
    {
        var existing = await app.NewAccount("een-lang-wachtwoord");
        var subject = Guid.NewGuid().ToString();
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();

        var bound = await accounts.SignedInExternallyAsync(
            new ExternalSignIn(Issuer, subject, existing.Email.ToUpperInvariant(), EmailVerified: true, "Andere Naam"), false, CancellationToken.None);
        var again = await accounts.SignedInExternallyAsync(
            new ExternalSignIn(Issuer, subject, "iets.anders@werk.example.nl", EmailVerified: false, null), false, CancellationToken.None);

        bound.Id.Should().Be(existing.Id);
        again.Id.Should().Be(existing.Id);
        (await accounts.FindByExternalIdentityAsync(Issuer, subject, CancellationToken.None))!.Id.Should().Be(existing.Id);
        (await accounts.LoadAsync(existing.Id, CancellationToken.None))!.External.Should().Be(new ExternalIdentity(Issuer, subject));
        (await app.FindAccount("iets.anders@werk.example.nl")).Should().BeNull();
    }

    [Fact]
    public async Task a_new_verified_person_gets_an_account_without_password_bound_to_them()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var email = $"{Unique.Name("nieuw").Replace(' ', '.')}@werk.example.nl";
        var subject = Guid.NewGuid().ToString();

        var made = await accounts.SignedInExternallyAsync(new ExternalSignIn(Issuer, subject, email, true, "Nieuw Lid"), false, CancellationToken.None);

        made.PasswordHash.Should().BeNull();
        (await app.Services.GetRequiredService<Obeya.Web.Infrastructure.Reads.StoredStreams>().Load<Obeya.Domain.Accounts.Account>(made.Id, CancellationToken.None))!
            .Version.Should().Be(3, "made, bound and signed in");
        var stored = (await app.FindAccount(email))!;
        stored.Name.Should().Be("Nieuw Lid");
        stored.External.Should().Be(new ExternalIdentity(Issuer, subject));
    }

    [Fact]
    public async Task the_store_refuses_a_second_account_bound_to_the_same_identity()
    {
        var (first, second) = (await app.NewAccount("een-lang-wachtwoord"), await app.NewAccount("een-lang-wachtwoord"));
        var subject = Guid.NewGuid().ToString();
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.Append(first.Id, new ExternalIdentityBound(first.Id, Issuer, subject, first.Name, ObeyaApp.Start));
            await session.SaveChangesAsync();
        }

        await using var racing = app.Store.LightweightSession();
        racing.Events.Append(second.Id, new ExternalIdentityBound(second.Id, Issuer, subject, second.Name, ObeyaApp.Start));
        var save = () => racing.SaveChangesAsync();

        (await save.Should().ThrowAsync<Exception>())
            .Which.InnerException.Should().BeOfType<Npgsql.PostgresException>().Which.SqlState.Should().Be("23505");
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
