using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Testing;

namespace Obeya.Web.Tests.Accounts;

/// <summary>The beheerder's account API: make an account, give it roles; its own role stays; bad input names the field.</summary>
public class AccountAdministrationTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private readonly HttpClient beheerder = app.ClientFor("Beheerder");

    [Fact]
    public async Task a_beheerder_makes_an_account_that_signs_in_and_gives_it_the_director_role()
    {
        var made = await beheerder.PostAsJsonAsync("/api/v1/accounts", new { name = "Pieter de Vries", email = "Pieter@Gemeente.Example.NL", password = "een-goed-wachtwoord" });
        made.StatusCode.Should().Be(HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        var account = await made.Json<JsonElement>();
        account.GetProperty("email").GetString().Should().Be("pieter@gemeente.example.nl");
        account.TryGetProperty("passwordHash", out _).Should().BeFalse("a hash never leaves the server");

        var changed = await (await beheerder.PutAsJsonAsync($"/api/v1/accounts/{account.GetProperty("id").GetGuid()}/roles", new { roles = new[] { "programmeDirector" } }))
            .Json<JsonElement>();

        changed.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("programmeDirector");
        var all = await (await beheerder.GetAsync("/api/v1/accounts")).Json<JsonElement>();
        all.EnumerateArray().Select(a => a.GetProperty("email").GetString()).Should().Contain("pieter@gemeente.example.nl");
        (await app.Browser().SignIn("pieter@gemeente.example.nl", "een-goed-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task bad_accounts_and_roles_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var me = (await (await beheerder.GetAsync("/api/v1/accounts")).Json<JsonElement>()).EnumerateArray()
            .Single(a => a.GetProperty("email").GetString() == ObeyaApp.EmailOf("Beheerder")).GetProperty("id").GetGuid();
        var before = await app.EventCount();

        await (await beheerder.PostAsJsonAsync("/api/v1/accounts", new { name = "Kort", email = "kort@werk.example.nl", password = "kort" })).ShouldBeProblem(HttpStatusCode.BadRequest, "password");
        await (await beheerder.PostAsJsonAsync("/api/v1/accounts", new { name = "Geen adres", email = "geen adres", password = "een-goed-wachtwoord" })).ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        await (await beheerder.PostAsJsonAsync("/api/v1/accounts", new { name = "Dubbel", email = ObeyaApp.EmailOf("Beheerder"), password = "een-goed-wachtwoord" })).ShouldBeProblem(HttpStatusCode.Conflict, "email");
        await (await beheerder.PutAsJsonAsync($"/api/v1/accounts/{me}/roles", new { roles = Array.Empty<string>() })).ShouldBeProblem(HttpStatusCode.Conflict, "roles");
        await (await beheerder.PutAsJsonAsync($"/api/v1/accounts/{me}/roles", new { roles = new[] { "koning" } })).ShouldBeProblem(HttpStatusCode.BadRequest);
        await (await beheerder.PutAsJsonAsync($"/api/v1/accounts/{Guid.NewGuid()}/roles", new { roles = new[] { "administrator" } })).ShouldBeProblem(HttpStatusCode.NotFound, "accountId");

        (await app.EventCount()).Should().Be(before);
    }
}

/// <summary>Obeya that re-reads the account behind a cookie on every request (production: every five minutes).</summary>
public class RecheckEveryRequestApp : ObeyaApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Obeya:SignIn:RecheckSeconds", "0");
    }
}

public class RoleChangeTests(RecheckEveryRequestApp app) : IClassFixture<RecheckEveryRequestApp>
{
    [Fact]
    public async Task a_role_taken_away_stops_working_without_signing_out()
    {
        await app.CookieOf("Pieter", Obeya.Domain.Accounts.GlobalRole.Administrator);
        // A client that keeps its cookie as a browser does, renewals included.
        var director = app.Browser();
        (await director.SignIn(ObeyaApp.EmailOf("Pieter"), ObeyaApp.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var beheerder = app.ClientFor("Beheerder");
        (await director.GetAsync("/api/v1/accounts")).StatusCode.Should().Be(HttpStatusCode.OK);
        var pieter = (await (await beheerder.GetAsync("/api/v1/accounts")).Json<JsonElement>()).EnumerateArray()
            .Single(a => a.GetProperty("email").GetString() == ObeyaApp.EmailOf("Pieter")).GetProperty("id").GetGuid();

        (await beheerder.PutAsJsonAsync($"/api/v1/accounts/{pieter}/roles", new { roles = new[] { "programmeDirector" } })).EnsureSuccessStatusCode();

        await (await director.GetAsync("/api/v1/accounts")).ShouldBeProblem(HttpStatusCode.Forbidden, "access");
    }
}
