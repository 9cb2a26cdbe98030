using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Obeya.Domain.Accounts;

namespace Obeya.Web.Language;

/// <summary>
/// Dutch unless someone chooses English: on the screens with the language switch (its cookie), in the API also with
/// Accept-Language. The screens do not ask Accept-Language: a wall screen in a Dutch office should not switch language
/// because of how its TV was set up.
/// </summary>
public static class ObeyaCulture
{
    public static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static RequestLocalizationOptions Options() => new()
    {
        DefaultRequestCulture = new RequestCulture(Dutch),
        SupportedCultures = [Dutch, English],
        SupportedUICultures = [Dutch, English],
        RequestCultureProviders = [new CookieRequestCultureProvider(), new ApiAcceptLanguage()],
    };

    /// <summary>An API client says its language the HTTP way; a browser's cookie, when it has one, still goes first.</summary>
    private sealed class ApiAcceptLanguage : RequestCultureProvider
    {
        private readonly AcceptLanguageHeaderRequestCultureProvider header = new();

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            httpContext.Request.Path.StartsWithSegments("/api")
                ? header.DetermineProviderCultureResult(httpContext)
                : NullProviderCultureResult;
    }

    /// <summary>The culture of a language code of <see cref="Languages"/>.</summary>
    public static CultureInfo Of(string language) => language == Languages.English ? English : Dutch;

    /// <summary>The language code of the culture a request or screen runs in.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.English
        ? Languages.English
        : Languages.Dutch;

    /// <summary>Makes this browser open in <paramref name="language"/> from its next request on, for a year.</summary>
    public static void Remember(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Of(language))),
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
            });
}
