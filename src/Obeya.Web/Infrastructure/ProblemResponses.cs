using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Obeya.Domain;
using Obeya.Web.Language;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// Turns what a user can get wrong into RFC 9457 problem details that name the field, never a 500:
/// domain refusals, unreadable JSON, and writes against a version that is no longer current.
/// </summary>
public sealed partial class ProblemResponses(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (IsStoreUnreachable(exception))
        {
            return await TryHandleStoreUnreachableAsync(context, exception);
        }

        var (status, title, field, detail) = exception switch
        {
            DomainException e => (StatusOf(e.Refusal), TitleOf(e.Refusal), e.Field, e.Says.Worded()),
            ApiProblemException e => (e.Status, e.Title, e.Field, e.Message),
            BadHttpRequestException { InnerException: JsonException json } => (400, "Ongeldige invoer", FieldOf(json), DetailOf(json)),
            BadHttpRequestException e => Unreadable(e),
            ExistingStreamIdCollisionException => (409, "Bestaat al", "id", "Er bestaat al iets met dit id; het is niet opnieuw aangemaakt."),
            ConcurrencyException => (409, "Het bord is gewijzigd", "version",
                "Iemand anders heeft dit bord intussen gewijzigd. Bekijk de nieuwe versie en probeer het opnieuw."),
            _ => (0, "", null, ""),
        };
        if (status == 0)
        {
            return false;
        }

        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        if (exception is ApiProblemException { Extensions: var extensions })
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static int StatusOf(Refusal refusal) => refusal switch
    {
        Refusal.NotFound => 404,
        Refusal.Conflict => 409,
        Refusal.NotSignedIn => 401,
        Refusal.NotAllowed => 403,
        _ => 400,
    };

    private static string TitleOf(Refusal refusal) => refusal switch
    {
        Refusal.NotFound => "Niet gevonden",
        Refusal.Conflict => "Dat kan nu niet",
        Refusal.NotSignedIn => "Niet ingelogd",
        Refusal.NotAllowed => "Geen toegang",
        _ => "Ongeldige invoer",
    };

    /// <summary>"$.metricTargets[0].target" becomes "metricTargets[0].target"; a missing property is named from the message.</summary>
    private static string FieldOf(JsonException json)
    {
        if (MissingProperty().Match(json.Message) is { Success: true } missing)
        {
            var parent = (json.Path ?? "$").TrimStart('$').TrimStart('.');
            return parent.Length == 0 ? missing.Groups[1].Value : $"{parent}.{missing.Groups[1].Value}";
        }

        var path = (json.Path ?? "$").TrimStart('$').TrimStart('.');
        return path.Length == 0 ? "body" : path;
    }

    /// <summary>
    /// What the framework refused before the handler ran (no body, no JSON content type, a query value that is no
    /// number), with the field it is about and a Dutch message instead of the framework's English one.
    /// </summary>
    private static (int Status, string Title, string? Field, string Detail) Unreadable(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (415, "Verkeerd soort inhoud", "Content-Type", "Stuur de gegevens als JSON, met Content-Type: application/json.");
        }

        if (e.StatusCode != StatusCodes.Status400BadRequest)
        {
            return (e.StatusCode, "Ongeldig verzoek", null, "Dit verzoek kan niet worden verwerkt.");
        }

        var parameter = Parameter().Match(e.Message);
        return e.Message.Contains("body", StringComparison.Ordinal) || !parameter.Success
            ? (400, "Ongeldige invoer", "body", "Stuur de gegevens als JSON in de body van het verzoek.")
            : e.Message.StartsWith("Required", StringComparison.Ordinal)
                ? (400, "Ongeldige invoer", parameter.Groups[1].Value, "Dit veld is verplicht.")
                : (400, "Ongeldige invoer", parameter.Groups[1].Value, "Deze waarde kan niet worden gelezen; verwacht bijvoorbeeld een getal.");
    }

    // 'Failed to bind parameter "Nullable<int> limit" from "abc".' and 'Required parameter "int limit" was not provided from query string.'
    [GeneratedRegex("parameter \"(?:[^\"]* )?(\\w+)\"")]
    private static partial Regex Parameter();

    private static string DetailOf(JsonException json) =>
        MissingProperty().IsMatch(json.Message) ? "Dit veld is verplicht." : "Deze waarde kan niet worden gelezen (verwacht: geldige JSON, datums als JJJJ-MM-DD).";

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();
}
