using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// Optimistic concurrency over HTTP: a write names the version it read in If-Match, and every answer
/// carries the version it leaves in ETag. Versions are stream versions: the number of events so far.
/// </summary>
public static class Versions
{
    public static long Expected(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new ApiProblemException(
                StatusCodes.Status428PreconditionRequired, HeaderNames.IfMatch, "Versie ontbreekt",
                "Noem in If-Match de versie van het bord die je hebt gezien (de ETag van het laatste antwoord).");
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new ApiProblemException(
                StatusCodes.Status400BadRequest, HeaderNames.IfMatch, "Ongeldige versie", $"'{header}' is geen versie; verwacht bijvoorbeeld \"12\".");
    }

    public static void Tag(HttpContext http, long version) => http.Response.Headers.ETag = $"\"{version}\"";

    public static ApiProblemException Stale(long current) => new(
        StatusCodes.Status412PreconditionFailed, HeaderNames.IfMatch, "Het bord is gewijzigd",
        $"Iemand anders heeft dit bord intussen gewijzigd (nu versie {current}). Bekijk de nieuwe versie; er is niets opgeslagen.",
        new Dictionary<string, object?> { ["currentVersion"] = current });
}
