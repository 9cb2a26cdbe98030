using Microsoft.AspNetCore.Mvc;
using Obeya.Domain;
using Obeya.Domain.Accounts;
using Obeya.Web.Access;
using Obeya.Web.Accounts;

namespace Obeya.Web.Language;

/// <summary>The language switch in the top bar: a form post (with its antiforgery token) that sets the language and goes back.</summary>
public static class LanguageEndpoints
{
    public const string Path = "/taal";

    public static IEndpointRouteBuilder MapLanguage(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, Choose)
            .OpenToAnyone("the language is chosen on the sign-in page too; for someone signed in it is also kept with the account");
        return app;
    }

    /// <summary>
    /// This browser opens in the language from now on; someone signed in keeps it with their account, so a browser they
    /// sign in from later opens in it too. A language Obeya does not speak is refused and nothing changes.
    /// </summary>
    private static async Task<IResult> Choose(
        [FromForm] string? language, [FromForm] string? returnUrl, HttpContext http, AccountService accounts)
    {
        if (language is null || !Languages.All.Contains(language))
        {
            throw new DomainException("language", Phrase.Of("account.languageUnknown", string.Join(", ", Languages.All)));
        }

        if (CurrentUser.Of(http) is { } user)
        {
            await accounts.ChooseLanguageAsync(user.AccountId, language, user, http.RequestAborted);
        }

        ObeyaCulture.Remember(http.Response, language);
        return Results.LocalRedirect(AccountEndpoints.LocalOrHome(returnUrl));
    }
}
