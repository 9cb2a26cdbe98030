using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Accounts;

namespace Obeya.Web.Tests.Accounts;

public class AdminCommandTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var command = AdminCommand.Parse(args, out _);
        command.Should().NotBeNull();
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await command!.RunAsync(app.Services, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task admin_create_makes_an_administrator_who_can_sign_in()
    {
        var email = $"{Unique.Name("beheer").Replace(' ', '.')}@gemeente.example.nl";

        var (exit, output, _) = await Run("admin", "create", "--email", email, "--name", "Anna Beheer", "--password", "beheer-wachtwoord");

        exit.Should().Be(0);
        output.Should().Be($"Beheerder Anna Beheer ({email}) is aangemaakt. Log in op /inloggen.{Environment.NewLine}");
        (await app.FindAccount(email))!.Roles.Should().Equal(GlobalRole.Administrator);
        (await app.Browser().SignIn(email, "beheer-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task admin_create_refuses_an_email_that_has_an_account_and_a_short_password()
    {
        var email = $"{Unique.Name("beheer").Replace(' ', '.')}@gemeente.example.nl";
        (await Run("admin", "create", "--email", email, "--name", "Anna", "--password", "beheer-wachtwoord")).Exit.Should().Be(0);
        var before = await app.EventCount();

        var again = await Run("admin", "create", "--email", email.ToUpperInvariant(), "--name", "Anna", "--password", "beheer-wachtwoord");
        var tooShort = await Run("admin", "create", "--email", "ander@gemeente.example.nl", "--name", "Bert", "--password", "kort");
        var incomplete = await Run("admin", "create", "--email", "ander@gemeente.example.nl");

        again.Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 1 && r.Error.Contains($"Er is al een account met het e-mailadres {email}."));
        tooShort.Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 1 && r.Error.Contains("Een wachtwoord heeft minstens 12 tekens"));
        incomplete.Should().Match<(int Exit, string Output, string Error)>(r => r.Exit == 2 && r.Error.Contains("Gebruik: admin create"));
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public void only_admin_create_is_the_command_and_other_arguments_go_to_the_host()
    {
        AdminCommand.Parse(["--no-demo"], out _).Should().BeNull();
        AdminCommand.Parse(["admin", "create", "--email", "a@b.nl", "--ConnectionStrings:Obeya=Host=db", "--password", "p"], out var host)
            .Should().Be(new AdminCommand("create", "a@b.nl", null, "p"));
        host.Should().Equal("--ConnectionStrings:Obeya=Host=db");
    }
}

/// <summary>Obeya started with Obeya__Admin__Email and Obeya__Admin__Password on an empty store.</summary>
public class AdminFromEnvironmentApp : AccountsApp
{
    public const string Email = "Eerste.Beheerder@Gemeente.Example.NL";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Obeya:Admin:Email", Email);
        builder.UseSetting("Obeya:Admin:Password", "eerste-beheerder-wachtwoord");
    }
}

public class AdminFromEnvironmentTests(AdminFromEnvironmentApp app) : IClassFixture<AdminFromEnvironmentApp>
{
    [Fact]
    public async Task the_first_administrator_comes_from_the_environment_and_can_sign_in()
    {
        var admin = await app.FindAccount(AdminFromEnvironmentApp.Email);

        admin!.Email.Should().Be("eerste.beheerder@gemeente.example.nl");
        admin.Roles.Should().Equal(GlobalRole.Administrator);
        (await app.Browser().SignIn(admin.Email, "eerste-beheerder-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task on_a_store_with_accounts_the_environment_makes_no_other_administrator()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Obeya:Admin:Email"] = "tweede@gemeente.example.nl",
            ["Obeya:Admin:Password"] = "tweede-beheerder-wachtwoord",
        }).Build();

        await new FirstAdministrator(app.Services, configuration, NullLogger<FirstAdministrator>.Instance).StartAsync(CancellationToken.None);

        (await app.FindAccount("tweede@gemeente.example.nl")).Should().BeNull();
    }
}
