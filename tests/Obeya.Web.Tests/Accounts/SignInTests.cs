using System.Net;
using NodaTime;
using Obeya.Domain.Accounts;
using Obeya.Testing;

namespace Obeya.Web.Tests.Accounts;

public class SignInTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private const string Password = "een-lang-wachtwoord";

    [Fact]
    public async Task the_right_password_signs_in_with_an_httponly_lax_cookie_and_signing_out_ends_it()
    {
        var account = await app.NewAccount(Password);
        var browser = app.Browser();

        var signedIn = await browser.SignIn(account.Email.ToUpperInvariant(), Password, "/teams");

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().Should().Be("/teams");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("obeya.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.NotContain("secure");
        (await browser.GetStringAsync("/uitloggen")).Should().Contain($"Je bent ingelogd als <strong>{account.Name}</strong>");

        var signedOut = await browser.PostForm("/uitloggen", "/uitloggen");

        signedOut.Headers.Location!.ToString().Should().Be("/inloggen?uitgelogd=true");
        (await browser.GetStringAsync("/inloggen?uitgelogd=true")).Should().Contain("Je bent uitgelogd.");
        (await browser.GetAsync("/uitloggen")).Headers.Location!.ToString().Should().Be("/inloggen");
    }

    [Fact]
    public async Task over_https_the_cookie_is_secure()
    {
        var account = await app.NewAccount(Password);

        var signedIn = await app.Browser("https://localhost").SignIn(account.Email, Password);

        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("obeya.auth=", StringComparison.Ordinal)).ToLowerInvariant()
            .Should().Contain("secure");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task a_wrong_password_or_an_unknown_email_gets_the_same_dutch_refusal(bool knownEmail)
    {
        var account = await app.NewAccount(Password);

        var refused = await app.Browser().SignIn(knownEmail ? account.Email : "niemand@werk.example.nl", knownEmail ? "verkeerd-wachtwoord" : Password);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Headers.Contains("Set-Cookie").Should().BeFalse();
        (await refused.Content.ReadAsStringAsync()).Should().Contain("E-mailadres of wachtwoord klopt niet.");
    }

    [Fact]
    public async Task five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        var account = await app.NewAccount(Password);
        var browser = app.Browser();

        for (var i = 0; i < 4; i++)
        {
            (await (await browser.SignIn(account.Email, "verkeerd-wachtwoord")).Content.ReadAsStringAsync()).Should().Contain("klopt niet");
        }

        (await browser.SignIn(account.Email, "verkeerd-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // Locked now: even the right password is refused, in the very words an unknown address gets.
        var rightButLocked = await browser.SignIn(account.Email, Password);
        rightButLocked.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unknown = await browser.SignIn("niemand-" + account.Email, Password);
        (await Refusal(rightButLocked)).Should().Be(await Refusal(unknown)).And.Contain("klopt niet");

        app.Clock.Advance(Duration.FromMinutes(15));
        (await browser.SignIn(account.Email, Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task a_password_changes_only_with_the_current_one_and_a_long_enough_new_one()
    {
        var account = await app.NewAccount(Password);
        var browser = app.Browser();
        await browser.SignIn(account.Email, Password);

        async Task<(HttpStatusCode, string)> Change(string current, string next, string repeat)
        {
            var response = await browser.PostForm("/wachtwoord", "/wachtwoord", ("currentPassword", current), ("newPassword", next), ("repeatPassword", repeat));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        (await Change("verkeerd-wachtwoord", "nieuw-wachtwoord-2026", "nieuw-wachtwoord-2026")).Item2.Should().Contain("Het huidige wachtwoord klopt niet.");
        (await Change(Password, "kort", "kort")).Item2.Should().Contain("Een wachtwoord heeft minstens 12 tekens");
        (await Change(Password, "nieuw-wachtwoord-2026", "nieuw-wachtwoord-2027")).Item2.Should().Contain("niet gelijk");
        var changed = await Change(Password, "nieuw-wachtwoord-2026", "nieuw-wachtwoord-2026");
        changed.Should().Match<(HttpStatusCode Status, string Body)>(c => c.Status == HttpStatusCode.OK && c.Body.Contains("Je wachtwoord is gewijzigd."));

        (await app.Browser().SignIn(account.Email, Password)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await app.Browser().SignIn(account.Email, "nieuw-wachtwoord-2026")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task the_password_page_sends_an_anonymous_visitor_to_the_login_page_and_back()
    {
        var response = await app.Browser().GetAsync("/wachtwoord");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/inloggen?returnUrl=%2Fwachtwoord");
    }

    [Theory]
    [InlineData("//evil.example.com/")]
    [InlineData("https://evil.example.com/")]
    [InlineData("/\\evil.example.com")]
    public async Task a_return_address_elsewhere_is_replaced_by_the_home_page(string returnUrl)
    {
        var account = await app.NewAccount(Password);

        var signedIn = await app.Browser().SignIn(account.Email, Password, returnUrl);

        signedIn.Headers.Location!.ToString().Should().Be("/");
    }

    [Fact]
    public async Task a_sign_in_without_the_forms_antiforgery_token_is_refused_and_records_nothing()
    {
        var account = await app.NewAccount(Password);
        var before = await app.EventCount();

        var response = await app.Browser().PostAsync("/inloggen", new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("email", account.Email), new KeyValuePair<string, string>("password", "verkeerd-wachtwoord")]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        (await app.EventCount()).Should().Be(before);
    }

    [Fact]
    public async Task the_signed_in_user_is_read_back_from_the_cookies_claims()
    {
        var account = await app.NewAccount(Password, GlobalRole.ProgrammeDirector);

        var user = Web.Accounts.CurrentUser.Of(Web.Accounts.CurrentUser.Principal(account, "Cookies"));

        user.Should().Be(new Web.Accounts.CurrentUser(account.Id, account.Name, account.Email, [GlobalRole.ProgrammeDirector]) with { Roles = user!.Roles });
        user.Has(GlobalRole.ProgrammeDirector).Should().BeTrue();
        user.Has(GlobalRole.Administrator).Should().BeFalse();
        Web.Accounts.CurrentUser.Of(new System.Security.Claims.ClaimsPrincipal()).Should().BeNull();
    }

    /// <summary>The refusal the login page shows (the role="alert" paragraph).</summary>
    private static async Task<string> Refusal(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "role=\"alert\"[^>]*>(.*?)</");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : html;
    }
}
