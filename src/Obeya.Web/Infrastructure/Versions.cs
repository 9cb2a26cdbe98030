using System.Globalization;
using Microsoft.Net.Http.Headers;
using Obeya.Domain;

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
                StatusCodes.Status428PreconditionRequired, HeaderNames.IfMatch, Phrase.Of("api.versionMissingTitle"), Phrase.Of("api.versionMissing"));
        }

        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return long.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new ApiProblemException(
                StatusCodes.Status400BadRequest, HeaderNames.IfMatch, Phrase.Of("api.versionInvalidTitle"), Phrase.Of("api.versionInvalid", header));
    }

    public static void Tag(HttpContext http, long version) => http.Response.Headers.ETag = $"\"{version}\"";

    public static ApiProblemException Stale(long current) => new(
        StatusCodes.Status412PreconditionFailed, HeaderNames.IfMatch, Phrase.Of("api.boardChangedTitle"), Phrase.Of("api.staleVersion", current),
        new Dictionary<string, object?> { ["currentVersion"] = current });
}
