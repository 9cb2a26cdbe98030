using System.Security.Claims;
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
            .AcceptsCsv()
            .Produces<MeasurementImportView>()
            .WithSummary("Import a metric's measurements from CSV (date;value;note per line; Dutch or ISO, with or without a header). "
                + "duplicates=skip (default) or correct says what a date already measured gets; preview=true only reads (no If-Match needed). "
                + "Refused whole (422, each unreadable line named) while any row cannot be read; the same file imported twice changes nothing");
        return api;
    }

    private static async Task<IResult> Import(
        Guid trackId, Guid metricId, string? duplicates, bool? preview, HttpContext http, StoredStreams reads, Writer writer)
    {
        CsvUploads.EnsureText(http);
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
        var file = MeasurementFile.Read(await CsvUploads.ReadText(http, MaxBytes));
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
            throw CsvUploads.RowsRefused(file.Errors);
        }

        var written = await writer.Change(
            TrackEndpoints.Kind, trackId, user, Permission.ChangeBoards, versioning,
            (track, decision) => TrackDecisions.ImportMeasurements(track, new ImportMeasurements(metricId, file.Rows, duplicates), decision.By, decision.Now),
            ct, checkedTeam);
        // What it stored says what it did: a measurement per new date, a correction per changed one, the rest skipped.
        return (written, MeasurementImportView.Of(
            file, written.Events.OfType<MeasurementRecorded>().Count(), written.Events.OfType<MeasurementCorrected>().Count(), stored: true, written.Version));
    }
}
