using System.Security.Claims;
using System.Text;
using Microsoft.OpenApi;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Tracks;
using Obeya.Web.Access;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Language;

namespace Obeya.Web.Tracks;

/// <summary>A row that cannot be read, in the reader's language.</summary>
public sealed record ImportRowErrorView(int Line, string Key, string Message);

/// <summary>
/// What an import of measurements found and did: how the file was read, what each readable row does against the metric
/// as it is now (new, corrected, skipped), the rows that cannot be read; <see cref="Stored"/> once written.
/// </summary>
public sealed record MeasurementImportView(
    string Separator, bool DecimalComma, string? DateOrder, bool HasHeader, int Rows, int New, int Corrected, int Skipped,
    IReadOnlyList<ImportRowErrorView> Errors, bool Stored, long Version)
{
    public static MeasurementImportView Of(MeasurementFile file, int fresh, int corrected, bool stored, long version) => new(
        file.Format.Separator switch { '\t' => "tab", var c => c.ToString() },
        file.Format.DecimalComma,
        file.Format.DayFirst switch { true => "dd-mm-jjjj", false => "jjjj-mm-dd", null => null },
        file.Format.HasHeader,
        file.Rows.Count + file.Errors.Count,
        fresh, corrected, file.Rows.Count - fresh - corrected,
        [.. file.Errors.Select(e => new ImportRowErrorView(e.Line, e.Why.Key, e.Why.Worded()))],
        stored,
        version);
}

/// <summary>
/// Measurements in bulk, for the API (text/csv) and the storyboard (a file or cells pasted from Excel) alike: read the
/// file, preview what it does, and store it as one change — refused whole while any row cannot be read.
/// </summary>
public static class MeasurementImports
{
    /// <summary>Fifty thousand rows of date, value and a short note fit easily; more is not a metric's history.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMeasurementImport(this IEndpointRouteBuilder api)
    {
        api.MapPost("/tracks/{trackId:guid}/metrics/{metricId:guid}/measurements/import", Import)
            .WithTags("Tracks").Requires(Permission.ChangeBoards)
            // Described here rather than by Accepts: routing would answer a JSON body 415 before the access rules.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [CsvType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                };
                return Task.CompletedTask;
            })
            .Produces<MeasurementImportView>()
            .WithSummary("Import a metric's measurements from CSV (date;value;note per line; Dutch or ISO, with or without a header). "
                + "duplicates=skip (default) or correct says what a date already measured gets; preview=true only reads (no If-Match needed). "
                + "Refused whole (422, each unreadable line named) while any row cannot be read; the same file imported twice changes nothing");
        return api;
    }

    private const string CsvType = "text/csv";

    /// <summary>What a file may come as: CSV, plain text (a paste), or tab-separated cells.</summary>
    private static readonly string[] TextTypes = [CsvType, "text/plain", "text/tab-separated-values"];

    private static async Task<IResult> Import(
        Guid trackId, Guid metricId, string? duplicates, bool? preview, HttpContext http, StoredStreams reads, Writer writer)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !TextTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(
                StatusCodes.Status415UnsupportedMediaType, "Content-Type", Phrase.Of("api.wrongContentTypeTitle"), Phrase.Of("import.notAFile"));
        }

        var choice = duplicates?.ToLowerInvariant() switch
        {
            null or "skip" => DuplicateDates.Skip,
            "correct" => DuplicateDates.Correct,
            _ => throw new DomainException("duplicates", Phrase.Of("import.duplicatesUnknown")),
        };
        // What the route and the headers name is checked before the body is read: a wrong address is a 404 whatever it holds.
        var expected = preview == true ? (long?)null : Versions.Expected(http);
        var (track, version) = await reads.Load<Track>(trackId, http.RequestAborted) is { } loaded
            ? (loaded.State, loaded.Version)
            : throw TrackEndpoints.TrackNotFound();
        _ = MetricOf(track, metricId);
        var file = MeasurementFile.Read(await ReadText(http));
        if (expected is not { } exactly)
        {
            Versions.Tag(http, version);
            return Results.Ok(Preview(track, metricId, file, choice, version));
        }

        var (_, result) = await Store(writer, http.User, trackId, metricId, file, choice, new Versioning.Exactly(exactly), EndpointRules.CheckedTeamOf(http), http.RequestAborted);
        Versions.Tag(http, result.Version);
        return Results.Ok(result);
    }

    private static Metric MetricOf(Track track, Guid metricId) =>
        track.Metrics.FirstOrDefault(m => m.Id == metricId) ?? throw DomainException.NotFound("metricId", Phrase.Of("track.metricNotFound"));

    /// <summary>What the file would do to the metric as it is in <paramref name="track"/>, stored nothing.</summary>
    public static MeasurementImportView Preview(Track track, Guid metricId, MeasurementFile file, DuplicateDates duplicates, long version)
    {
        var plan = MeasurementImportPlan.Of(MetricOf(track, metricId), file.Rows, duplicates);
        return MeasurementImportView.Of(file, plan.New.Count, plan.Corrections.Count, stored: false, version);
    }

    /// <summary>The file as one change to the track: refused (422) with every unreadable line while there is one.</summary>
    public static async Task<(Written Written, MeasurementImportView View)> Store(
        Writer writer, ClaimsPrincipal user, Guid trackId, Guid metricId, MeasurementFile file, DuplicateDates duplicates, Versioning versioning,
        CheckedTeam? checkedTeam, CancellationToken ct)
    {
        if (file.Errors.Count > 0)
        {
            throw new ApiProblemException(
                StatusCodes.Status422UnprocessableEntity, "file", Phrase.Of("api.invalidInputTitle"), Phrase.Of("import.rowsRefused", file.Errors.Count),
                new Dictionary<string, object?>
                {
                    // Keyed by the file and the line, as a field of a JSON body is by its path.
                    ["errors"] = file.Errors.GroupBy(e => $"file[{e.Line}]").ToDictionary(g => g.Key, g => g.Select(e => e.Why.Worded()).ToArray()),
                });
        }

        var written = await writer.Change(
            TrackEndpoints.Kind, trackId, user, Permission.ChangeBoards, versioning,
            (track, decision) => TrackDecisions.ImportMeasurements(track, new ImportMeasurements(metricId, file.Rows, duplicates), decision.By, decision.Now),
            ct, checkedTeam);
        // What it stored says what it did: a measurement per new date, a correction per changed one, the rest skipped.
        return (written, MeasurementImportView.Of(
            file, written.Events.OfType<MeasurementRecorded>().Count(), written.Events.OfType<MeasurementCorrected>().Count(), stored: true, written.Version));
    }

    /// <summary>The body as text (UTF-8, or Windows-1252 as older Excel saves CSV), at most <see cref="MaxBytes"/>.</summary>
    private static async Task<string> ReadText(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ApiProblemException(
                    StatusCodes.Status413PayloadTooLarge, "file", Phrase.Of("api.invalidInputTitle"), Phrase.Of("import.fileTooLarge", MaxBytes / 1024 / 1024));
            }

            buffer.Write(chunk, 0, read);
        }

        return Decode(buffer.ToArray());
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 when the bytes are UTF-8; otherwise Latin-1's superset that Excel on Windows writes.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
