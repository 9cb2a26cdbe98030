using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Obeya.Testing;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Tests.Accounts;

/// <summary>Settings of signing in through the organisation that cannot work stop Obeya at start, with the reason.</summary>
public class OrganisationSignInSettingsTests
{
    private static OrganisationSignIn Read(string environment, params (string Key, string Value)[] settings) =>
        OrganisationSignIn.From(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => $"Obeya:Oidc:{s.Key}", s => (string?)s.Value)).Build(),
            new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void without_an_authority_signing_in_through_the_organisation_is_off()
    {
        Read(Environments.Production).Should().Be(new OrganisationSignIn(false));
    }

    [Fact]
    public void an_https_authority_with_a_client_id_is_on_and_does_not_trust_unverified_addresses_unless_told()
    {
        var settings = Read(Environments.Production, ("Authority", "https://login.gemeente.example.nl/realms/obeya"), ("ClientId", "obeya"));
        var trusting = Read(Environments.Production, ("Authority", "https://login.gemeente.example.nl/realms/obeya"), ("ClientId", "obeya"),
            ("TrustEmailAddresses", "true"));

        settings.Enabled.Should().BeTrue();
        settings.TrustEmailAddresses.Should().BeFalse();
        settings.Origin.Should().Be("https://login.gemeente.example.nl");
        trusting.TrustEmailAddresses.Should().BeTrue();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void an_http_authority_is_refused_with_how_to_allow_it_for_development(string environment)
    {
        var read = () => Read(environment, ("Authority", "http://localhost:8080/realms/obeya"), ("ClientId", "obeya"));

        read.Should().Throw<InvalidSettingException>().WithMessage("*Obeya:Oidc:Authority*http://*https://*Obeya:Oidc:AllowHttp=true*");
    }

    [Fact]
    public void allowing_http_is_for_development_and_refused_in_production()
    {
        var development = Read(Environments.Development, ("Authority", "http://localhost:8080/realms/obeya"), ("ClientId", "obeya"), ("AllowHttp", "true"));
        var production = () => Read(Environments.Production, ("Authority", "http://localhost:8080/realms/obeya"), ("ClientId", "obeya"), ("AllowHttp", "true"));

        development.AllowHttp.Should().BeTrue();
        production.Should().Throw<InvalidSettingException>().WithMessage("*AllowHttp*Production*");
    }

    [Theory]
    [InlineData("login.gemeente.example.nl")]
    [InlineData("ftp://login.gemeente.example.nl")]
    public void an_authority_that_is_no_web_address_is_refused(string authority)
    {
        var read = () => Read(Environments.Production, ("Authority", authority), ("ClientId", "obeya"));

        read.Should().Throw<InvalidSettingException>().WithMessage("*Obeya:Oidc:Authority*https://*");
    }

    [Fact]
    public void a_missing_client_id_or_certificate_file_is_refused()
    {
        var noClient = () => Read(Environments.Production, ("Authority", "https://login.gemeente.example.nl"));
        var noFile = () => Read(Environments.Production, ("Authority", "https://login.gemeente.example.nl"), ("ClientId", "obeya"),
            ("TrustedCertificate", "/niet/hier/ca.pem"));
        var notPem = () => Read(Environments.Production, ("Authority", "https://login.gemeente.example.nl"), ("ClientId", "obeya"),
            ("TrustedCertificate", typeof(OrganisationSignInSettingsTests).Assembly.Location));

        noClient.Should().Throw<InvalidSettingException>().WithMessage("*Obeya:Oidc:ClientId*");
        noFile.Should().Throw<InvalidSettingException>().WithMessage("*Obeya:Oidc:TrustedCertificate*/niet/hier/ca.pem*");
        notPem.Should().Throw<InvalidSettingException>().WithMessage("*Obeya:Oidc:TrustedCertificate*PEM*");
    }

    [Fact]
    public async Task obeya_started_with_an_http_authority_stops_at_once_with_the_reason_instead_of_answering_500()
    {
        var web = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [web])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = Environments.Production,
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                // A store that is never reached: the setting is refused before anything starts.
                ["ConnectionStrings__Obeya"] = "Host=127.0.0.1;Port=1;Database=nergens;Username=niemand",
                ["Obeya__Oidc__Authority"] = "http://login.gemeente.example.nl/realms/obeya",
                ["Obeya__Oidc__ClientId"] = "obeya",
            },
        };
        using var obeya = Process.Start(start)!;
        var error = obeya.StandardError.ReadToEndAsync();
        var output = obeya.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await obeya.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            obeya.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Obeya kept running with an http:// authority: {await output}");
        }

        obeya.ExitCode.Should().Be(1);
        (await error).Should().StartWith("Obeya kan niet starten: Obeya:Oidc:Authority 'http://login.gemeente.example.nl/realms/obeya' uses http://")
            .And.Contain("Obeya:Oidc:AllowHttp=true").And.NotContain("   at ");
    }
}

/// <summary>Obeya on a developer's machine with a provider over plain http, explicitly allowed.</summary>
public class HttpProviderForDevelopmentApp : AccountsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Obeya:Oidc:Authority", "http://localhost:8080/realms/obeya");
        builder.UseSetting("Obeya:Oidc:ClientId", "obeya");
        builder.UseSetting("Obeya:Oidc:AllowHttp", "true");
    }
}

public class HttpProviderForDevelopmentTests(HttpProviderForDevelopmentApp app) : IClassFixture<HttpProviderForDevelopmentApp>
{
    [Fact]
    public async Task an_http_authority_allowed_for_development_starts_and_every_request_is_answered()
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AccountEndpoints.OidcScheme);

        options.RequireHttpsMetadata.Should().BeFalse();
        (await app.CreateClient().GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.Browser().GetAsync("/inloggen")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
