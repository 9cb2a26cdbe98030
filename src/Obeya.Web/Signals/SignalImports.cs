using System.Security.Claims;
using Marten;
using Obeya.Domain.Signals;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Language;
using Obeya.Web.Tracks;

namespace Obeya.Web.Signals;

/// <summary>
/// What an import of tallies found and did: how the file was read, what its readable rows do to the themes as they are
/// now (new days, other counts, the same), the rows that cannot be read; <see cref="Stored"/> once written.
/// </summary>
public sealed record SignalImportView(
    bool HasHeader, string? DateOrder, int Rows, int Themes, int Signals, int New, int Changed, int Unchanged, IReadOnlyList<ImportRowErrorView> Errors, bool Stored);

/// <summary>
/// Tallies in bulk from a KCC or CRM export, for the API (text/csv) and the Klantsignalen screen alike: read, preview,
/// and store as one transaction over every theme it names — refused whole while any row cannot be read. An export's
/// count of a day, channel and theme takes the place of the one stored, so the same file imported twice (a retry, or
/// two exports that overlap) counts nothing twice.
/// </summary>
public static class SignalImports
{
    /// <summary>A year of daily counts per theme and channel, with room to spare.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSignalImport(this IEndpointRouteBuilder api)
    {
        api.MapPost("/signal-themes/import", Import).WithTags("Signals").RequiresSignIn().AcceptsCsv()
            .Produces<SignalImportView>()
            .WithSummary("Import tallies from CSV (date;channel;theme;count per line; Dutch or ISO dates; with or without a header). "
                + "preview=true only reads. Refused whole (422, each unreadable line named) while any row cannot be read; "
                + "a day's count per channel and theme replaces the stored one, so importing the same file twice changes nothing");
        return api;
    }

    private static async Task<IResult> Import(bool? preview, HttpContext http, Writer writer, IQuerySession session)
    {
        CsvUploads.EnsureText(http);
        var text = await CsvUploads.ReadText(http, MaxBytes);
        var themes = await session.Query<SignalTheme>().ToListAsync(http.RequestAborted);
        var file = Read(text, themes);
        return Results.Ok(preview == true ? Preview(file, themes) : await Store(writer, http.User, file, themes, http.RequestAborted));
    }

    public static TallyFile Read(string text, IReadOnlyList<SignalTheme> themes) =>
        TallyFile.Read(text, themes.ToDictionary(t => t.Name, t => t.Id, StringComparer.CurrentCultureIgnoreCase));

    /// <summary>What the file would do to the themes as they are, stored nothing.</summary>
    public static SignalImportView Preview(TallyFile file, IReadOnlyList<SignalTheme> themes)
    {
        var stored = themes.SelectMany(t => t.Imported.Select(c => ((t.Id, c.On, c.Channel), c.Count))).ToDictionary(x => x.Item1, x => x.Count);
        int fresh = 0, changed = 0;
        foreach (var row in file.Rows)
        {
            if (!stored.TryGetValue((row.ThemeId, row.Tally.On, row.Tally.Channel), out var count))
            {
                fresh++;
            }
            else if (count != row.Tally.Count)
            {
                changed++;
            }
        }

        return ViewOf(file, fresh, changed, stored: false);
    }

    /// <summary>The file as one transaction over its themes: refused (422) with every unreadable line while there is one.</summary>
    public static async Task<SignalImportView> Store(Writer writer, ClaimsPrincipal user, TallyFile file, IReadOnlyList<SignalTheme> themes, CancellationToken ct)
    {
        if (file.Errors.Count > 0)
        {
            throw CsvUploads.RowsRefused(file.Errors);
        }

        var byTheme = file.Rows.GroupBy(r => r.ThemeId).ToDictionary(g => g.Key, g => g.Select(r => r.Tally).ToList());
        var before = themes.ToDictionary(t => t.Id, t => t.Imported.ToDictionary(c => (c.On, c.Channel)));
        var by = Actors.Of(user);
        var written = await writer.ChangeEach(SignalEndpoints.Kind, [.. byTheme.Keys],
            (theme, now) => SignalDecisions.Tally(theme, byTheme[theme.Id], by, now) is { } tallied ? [tallied] : [], ct);
        // What it stored says what it did: a day new to the theme, or a day whose count it changed.
        var tallies = written.SelectMany(w => w.Events.OfType<SignalsTallied>()).SelectMany(t => t.Tallies.Select(c => (t.ThemeId, c))).ToList();
        var fresh = tallies.Count(x => before.GetValueOrDefault(x.ThemeId)?.ContainsKey((x.c.On, x.c.Channel)) != true);
        return ViewOf(file, fresh, tallies.Count - fresh, stored: true);
    }

    private static SignalImportView ViewOf(TallyFile file, int fresh, int changed, bool stored) => new(
        file.HasHeader, file.DayFirst switch { true => "dd-mm-jjjj", false => "jjjj-mm-dd", null => null },
        file.Rows.Count + file.Errors.Count, file.Rows.Select(r => r.ThemeId).Distinct().Count(), file.Rows.Sum(r => r.Tally.Count),
        fresh, changed, file.Rows.Count - fresh - changed,
        [.. file.Errors.Select(e => new ImportRowErrorView(e.Line, e.Why.Key, e.Why.Worded()))], stored);
}
