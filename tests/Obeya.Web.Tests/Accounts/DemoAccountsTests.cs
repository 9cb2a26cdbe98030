using System.Net;
using Microsoft.AspNetCore.Hosting;
using Obeya.Domain.Accounts;
using Obeya.Web.Accounts;

namespace Obeya.Web.Tests.Accounts;

public class DemoAccountsApp : AccountsApp
{
    protected override bool SeedsDemo => true;
}

/// <summary>The demo data in Production: the team, but none of the accounts whose passwords the README names.</summary>
public class ProductionDemoApp : DemoAccountsApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

public class DemoAccountsTests(DemoAccountsApp app) : IClassFixture<DemoAccountsApp>
{
    [Fact]
    public async Task the_demo_accounts_sign_in_with_the_passwords_the_readme_names()
    {
        foreach (var (_, email, password, _) in DemoAccounts.All)
        {
            (await app.Browser().SignIn(email, password)).StatusCode.Should().Be(HttpStatusCode.Redirect, email);
        }

        (await app.FindAccount("emmy@werk.example.nl"))!.Roles.Should().BeEmpty();
        (await app.FindAccount("pieter@gemeente.example.nl"))!.Roles.Should().Equal(GlobalRole.ProgrammeDirector);
        (await app.FindAccount("beheer@gemeente.example.nl"))!.Roles.Should().Equal(GlobalRole.Administrator);
    }
}

public class ProductionDemoAccountsTests(ProductionDemoApp app) : IClassFixture<ProductionDemoApp>
{
    [Fact]
    public async Task in_production_the_demo_data_comes_without_accounts()
    {
        foreach (var (_, email, _, _) in DemoAccounts.All)
        {
            (await app.FindAccount(email)).Should().BeNull();
        }
    }
}
