using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Xunit;

namespace Obeya.Testing;

/// <summary>
/// Obeya on its own database, with a clock the test sets. Share one per test class
/// (<c>IClassFixture&lt;ObeyaApp&gt;</c>); derive to change what the host starts with.
/// </summary>
public partial class ObeyaApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Monday 23 November 2026, 09:00 in Amsterdam.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 23, 8, 0);

    /// <summary>Every test account's password.</summary>
    public const string Password = "wachtwoord-voor-de-tests";

    /// <summary>One sign-in per person per app: the cookie it left, shared by every client of that person.</summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> cookies = new();

    public FakeClock Clock { get; } = new(Start);

    private const int TestHashIterations = 1_000;

    public string ConnectionString { get; protected set; } = "";

    protected virtual bool SeedsDemo => false;

    /// <summary>Room for the sign-ins of many test accounts; null keeps the production limit.</summary>
    protected virtual int? SignInsPerMinute => 10_000;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync(GetType().Name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Obeya", ConnectionString);
        builder.UseSetting("Obeya:Demo", SeedsDemo ? "true" : "false");
        if (SignInsPerMinute is { } permits)
        {
            builder.UseSetting("Obeya:SignIn:PermitsPerMinute", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
            // The same hasher with fewer rounds (production: 100,000, a tenth of a second per hash): the tests sign in
            // hundreds of people, and a stored hash names its own count, so the demo's hashes check the same way.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestHashIterations);
        });
    }

    /// <summary>The e-mail of a test person: how a team lists them as member or coach, and how their account is found.</summary>
    public static string EmailOf(string name)
    {
        var local = new string([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return $"{(local.Length == 0 ? "iemand" : local)}@obeya.test";
    }

    /// <summary>
    /// A client signed in as <paramref name="name"/>, a beheerder (so it can set up the teams a test needs). What it
    /// may do with a team's boards follows from being listed there by <see cref="EmailOf"/>, as in production.
    /// </summary>
    public HttpClient ClientFor(string name = "Emmy") => ClientAs(name, GlobalRole.Administrator);

    /// <summary>A client signed in as <paramref name="name"/> holding exactly <paramref name="roles"/> (made on first use).</summary>
    public HttpClient ClientAs(string name, params GlobalRole[] roles) => CreateDefaultClient(new SignedIn(() => CookieOf(name, roles)));

    /// <summary>The sign-in cookie of a person ("obeya.auth=..."), for a hub connection or a raw request.</summary>
    public Task<string> CookieOf(string name, params GlobalRole[] roles) =>
        cookies.GetOrAdd(name, _ => new Lazy<Task<string>>(() => SignInAsync(name, roles))).Value;

    private async Task<string> SignInAsync(string name, GlobalRole[] roles)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            if (await accounts.FindByEmailAsync(EmailOf(name), CancellationToken.None) is null)
            {
                await accounts.CreateAsync(name, EmailOf(name), Password, roles, "tests", CancellationToken.None);
            }
        }

        // As a browser does: the form with its antiforgery token and cookie, then the post; the cookie sent back by hand.
        using var browser = BrowserClient();
        using var page = await browser.GetAsync("/inloggen");
        var form = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(TokenField().Match(form).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/inloggen")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["email"] = EmailOf(name),
                ["password"] = Password,
                ["returnUrl"] = "/",
            }),
        };
        if (page.Headers.TryGetValues("Set-Cookie", out var antiforgery))
        {
            post.Headers.Add("Cookie", string.Join("; ", antiforgery.Select(c => c.Split(';')[0])));
        }

        using var signedIn = await browser.SendAsync(post);
        var cookie = signedIn.Headers.TryGetValues("Set-Cookie", out var set)
            ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("obeya.auth=", StringComparison.Ordinal))
            : null;
        return cookie ?? throw new InvalidOperationException($"{name} could not sign in: {(int)signedIn.StatusCode}");
    }

    /// <summary>
    /// A client as the sign-in form's browser: no redirects followed, cookies left to the caller (the app marks them
    /// Secure, which a browser sends to http://localhost and HttpClient keeps from an app on a real port).
    /// </summary>
    protected virtual HttpClient BrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>
    /// Who a screen's circuit has signed in, for tests that call the writes directly; the account need not exist,
    /// the rules only look at the e-mail and roles.
    /// </summary>
    public static System.Security.Claims.ClaimsPrincipal Person(string name, params GlobalRole[] roles) =>
        new CurrentUser(Guid.NewGuid(), name, EmailOf(name), roles).ToPrincipal("tests");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Adds the person's sign-in cookie to every request, signing in on the first.</summary>
    private sealed class SignedIn(Func<Task<string>> cookie) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("Cookie", await cookie());
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
