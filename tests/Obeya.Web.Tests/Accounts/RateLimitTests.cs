using System.Net;
using Obeya.Testing;

namespace Obeya.Web.Tests.Accounts;

/// <summary>The default limit: ten sign-in attempts a minute from one address.</summary>
public class ProductionSignInLimitApp : ObeyaApp
{
    protected override int? SignInsPerMinute => null;
}

public class RateLimitTests(ProductionSignInLimitApp app) : IClassFixture<ProductionSignInLimitApp>
{
    [Fact]
    public async Task the_eleventh_sign_in_within_a_minute_is_answered_429_in_dutch()
    {
        var browser = app.Browser();
        for (var i = 0; i < 10; i++)
        {
            (await browser.SignIn("niemand@werk.example.nl", "verkeerd-wachtwoord")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        var limited = await browser.SignIn("niemand@werk.example.nl", "verkeerd-wachtwoord");

        var problem = await limited.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        problem.GetProperty("title").GetString().Should().Be("Te veel inlogpogingen");
        problem.GetProperty("detail").GetString().Should().Contain("Wacht een minuut");
        limited.Headers.RetryAfter!.ToString().Should().Be("60");
    }
}
