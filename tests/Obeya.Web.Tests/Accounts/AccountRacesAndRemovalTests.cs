using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.Accounts;

/// <summary>
/// Accounts under the load real use puts on them: two beheerders making the same account at once, a burst of wrong
/// passwords, a lockout a beheerder lifts, and a colleague who left.
/// </summary>
public class AccountRacesAndRemovalTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string Password = "een-lang-wachtwoord";

    private readonly HttpClient beheerder = app.ClientFor("Beheerder");

    [Fact]
    public async Task the_same_account_made_from_many_requests_at_once_exists_once_and_the_others_hear_409()
    {
        var email = $"{Unique.Name("dubbel").Replace(' ', '.')}@werk.example.nl";

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            beheerder.PostAsJsonAsync("/api/v1/accounts", new { name = "Dubbel", email, password = Password })));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await refused.ShouldBeProblem(HttpStatusCode.Conflict, "email");
        }

        var all = await (await beheerder.GetAsync("/api/v1/accounts")).Json<JsonElement>();
        all.EnumerateArray().Count(a => a.GetProperty("email").GetString() == email).Should().Be(1);
    }

    [Fact]
    public async Task a_burst_of_wrong_passwords_is_refused_as_wrong_every_time_and_locks_the_account()
    {
        var account = await app.NewAccount(Password);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => app.Browser().SignIn(account.Email, "verkeerd-wachtwoord")));

        foreach (var answer in answers)
        {
            answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await answer.Content.ReadAsStringAsync()).Should().Contain("E-mailadres of wachtwoord klopt niet.").And.NotContain("gewijzigd");
        }

        // Every attempt counted against the account, one after another: it is locked, the right password no longer helps.
        (await app.FindAccount(account.Email))!.IsLockedAt(app.Clock.GetCurrentInstant()).Should().BeTrue();
        (await app.Browser().SignIn(account.Email, Password)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_beheerder_lifts_a_lockout_and_the_right_password_signs_in_again()
    {
        var account = await app.NewAccount(Password);
        for (var i = 0; i < AccountDecisions.MaxFailedSignIns; i++)
        {
            await app.Browser().SignIn(account.Email, "verkeerd-wachtwoord");
        }

        (await app.Browser().SignIn(account.Email, Password)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unlocked = await (await beheerder.PostAsync($"/api/v1/accounts/{account.Id}/unlock", null)).Json<JsonElement>();

        unlocked.GetProperty("locked").GetBoolean().Should().BeFalse();
        (await app.Browser().SignIn(account.Email, Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await (await beheerder.PostAsync($"/api/v1/accounts/{account.Id}/unlock", null)).ShouldBeProblem(HttpStatusCode.Conflict, "accountId");
        await (await beheerder.PostAsync($"/api/v1/accounts/{Guid.Empty}/unlock", null)).ShouldBeProblem(HttpStatusCode.NotFound, "accountId");
        await (await beheerder.PutAsJsonAsync($"/api/v1/accounts/{Guid.Empty}/roles", new { roles = Array.Empty<string>() })).ShouldBeProblem(HttpStatusCode.NotFound, "accountId");
    }

    [Fact]
    public async Task a_removed_colleague_can_no_longer_sign_in_and_history_calls_them_voormalig_medewerker()
    {
        var board = await Board.StartAsync(app, "Joost");
        var joost = app.ClientFor("Joost");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{board.Path}/obstacles") { Content = JsonContent.Create(new { text = "Niemand belt terug" }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{board.Version}\"");
        (await joost.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Created);
        var account = (await app.FindAccount(ObeyaApp.EmailOf("Joost")))!;

        (await beheerder.PostAsync($"/api/v1/accounts/{account.Id}/removed", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var history = await board.History();
        history.EnumerateArray().Last().GetProperty("sentence").GetString().Should().Be("voormalig medewerker voegde obstakel 'Niemand belt terug' toe");
        history.EnumerateArray().Last().GetProperty("by").GetString().Should().Be("voormalig medewerker");
        (await app.Browser().SignIn(ObeyaApp.EmailOf("Joost"), ObeyaApp.Password)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await beheerder.GetAsync("/api/v1/accounts")).Json<JsonElement>()).EnumerateArray()
            .Should().NotContain(a => a.GetProperty("id").GetGuid() == account.Id);
        await (await beheerder.PostAsync($"/api/v1/accounts/{account.Id}/removed", null)).ShouldBeProblem(HttpStatusCode.Conflict, "accountId");
    }

    [Fact]
    public async Task a_beheerder_cannot_remove_their_own_account()
    {
        var me = (await app.FindAccount(ObeyaApp.EmailOf("Beheerder")))!;

        await (await beheerder.PostAsync($"/api/v1/accounts/{me.Id}/removed", null)).ShouldBeProblem(HttpStatusCode.Conflict, "accountId");
    }
}
