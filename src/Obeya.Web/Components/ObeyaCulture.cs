using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Obeya.Web.Components;

/// <summary>
/// Dutch unless someone chooses English (query string or cookie). The browser's Accept-Language is not
/// asked: a wall screen in a Dutch office should not switch language because of how its TV was set up.
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
        RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
    };
}
