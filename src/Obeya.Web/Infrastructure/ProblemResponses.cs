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

        var (status, title, field, says) = exception switch
        {
            DomainException e => (StatusOf(e.Refusal), TitleOf(e.Refusal), e.Field, e.Says),
            ApiProblemException e => (e.Status, e.Title, e.Field, e.Detail),
            BadHttpRequestException { InnerException: JsonException json } => (400, Phrase.Of("api.invalidInputTitle"), FieldOf(json), DetailOf(json)),
            BadHttpRequestException e => Unreadable(e),
            ExistingStreamIdCollisionException => (409, Phrase.Of("api.existsTitle"), "id", Phrase.Of("id.exists")),
            ConcurrencyException => (409, Phrase.Of("api.boardChangedTitle"), "version", Phrase.Of("api.boardChangedMeanwhile")),
            _ => (0, null, null, null),
        };
        if (status == 0 || title is null || says is null)
        {
            return false;
        }

        // Worded in the request's culture: Dutch, unless the language cookie or (for /api) Accept-Language asks English.
        var detail = says.Worded();
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title.Worded(), Detail = detail };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

    private static Phrase TitleOf(Refusal refusal) => refusal switch
    {
        Refusal.NotFound => Phrase.Of("api.notFoundTitle"),
        Refusal.Conflict => Phrase.Of("api.conflictTitle"),
        Refusal.NotSignedIn => Phrase.Of("api.notSignedInTitle"),
        Refusal.NotAllowed => Phrase.Of("api.notAllowedTitle"),
        _ => Phrase.Of("api.invalidInputTitle"),
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
    /// number), with the field it is about and a message of Obeya's own instead of the framework's.
    /// </summary>
    private static (int Status, Phrase? Title, string? Field, Phrase? Says) Unreadable(BadHttpRequestException e)
    {
        if (e.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (415, Phrase.Of("api.wrongContentTypeTitle"), "Content-Type", Phrase.Of("api.sendJson"));
        }

        if (e.StatusCode != StatusCodes.Status400BadRequest)
        {
            return (e.StatusCode, Phrase.Of("api.invalidRequestTitle"), null, Phrase.Of("api.cannotProcess"));
        }

        var invalid = Phrase.Of("api.invalidInputTitle");
        var parameter = Parameter().Match(e.Message);
        return e.Message.Contains("body", StringComparison.Ordinal) || !parameter.Success
            ? (400, invalid, "body", Phrase.Of("api.sendJsonBody"))
            : e.Message.StartsWith("Required", StringComparison.Ordinal)
                ? (400, invalid, parameter.Groups[1].Value, Phrase.Of("text.required"))
                : (400, invalid, parameter.Groups[1].Value, Phrase.Of("api.unreadableValue"));
    }

    // 'Failed to bind parameter "Nullable<int> limit" from "abc".' and 'Required parameter "int limit" was not provided from query string.'
    [GeneratedRegex("parameter \"(?:[^\"]* )?(\\w+)\"")]
    private static partial Regex Parameter();

    private static Phrase DetailOf(JsonException json) =>
        MissingProperty().IsMatch(json.Message) ? Phrase.Of("text.required") : Phrase.Of("api.unreadableJson");

    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();
}
