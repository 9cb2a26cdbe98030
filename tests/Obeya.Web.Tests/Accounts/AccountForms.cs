using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Domain.Accounts;
using Obeya.Testing;
using Obeya.Web.Accounts;

namespace Obeya.Web.Tests.Accounts;

/// <summary>What a browser does on the account pages: fetch the form for its antiforgery token, post it, keep the cookie.</summary>
public static partial class AccountForms
{
    public static HttpClient Browser(this ObeyaApp app, string baseAddress = "http://localhost") =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        var html = await client.GetStringAsync(page);
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    public static Task<HttpResponseMessage> SignIn(this HttpClient client, string email, string password, string? returnUrl = null) =>
        client.PostForm("/inloggen", "/inloggen", ("email", email), ("password", password), ("returnUrl", returnUrl ?? "/"));

    public static async Task<Account> NewAccount(this ObeyaApp app, string password, params GlobalRole[] roles)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var name = Unique.Name("Gebruiker");
        return await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(name, $"{name.Replace(' ', '.')}@Werk.Example.NL", password, roles, "Test", CancellationToken.None);
    }

    public static async Task<Account?> FindAccount(this ObeyaApp app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().FindByEmailAsync(email, CancellationToken.None);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

/// <summary>Obeya for the account tests (the base app already has room for many sign-ins a minute).</summary>
public class AccountsApp : ObeyaApp;
