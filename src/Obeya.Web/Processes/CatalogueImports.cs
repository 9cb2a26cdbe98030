using System.Security.Claims;
using Marten;
using Obeya.Domain.Accounts;
using Obeya.Domain.Processes;
using Obeya.Domain.Teams;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure;
using Obeya.Web.Infrastructure.Writes;
using Obeya.Web.Language;
using Obeya.Web.Tracks;

namespace Obeya.Web.Processes;

/// <summary>What an import of the process list found and did: new processes, those already there, unreadable rows.</summary>
public sealed record CatalogueImportView(bool HasHeader, int Rows, int New, int AlreadyThere, IReadOnlyList<ImportRowErrorView> Errors, bool Stored)
{
    public static CatalogueImportView Of(CatalogueFile file, bool stored) => new(
        file.HasHeader, file.Rows.Count + file.AlreadyThere + file.Errors.Count, file.Rows.Count, file.AlreadyThere,
        [.. file.Errors.Select(e => new ImportRowErrorView(e.Line, e.Why.Key, e.Why.Worded()))], stored);
}

/// <summary>
/// The beheerder's import of the organisation's process list, through the API (text/csv) and the Processen screen
/// alike: read, preview, and store every new process in one transaction — refused whole while any row cannot be read.
/// </summary>
public static class CatalogueImports
{
    public const int MaxBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCatalogueImport(this IEndpointRouteBuilder api)
    {
        api.MapPost("/processes/import", Import).WithTags("Processes").Requires(GlobalRole.Administrator).AcceptsCsv()
            .Produces<CatalogueImportView>()
            .WithSummary("Import the process list from CSV (name;team;customer;question behind the question per line, with or without a header; the team by its name). "
                + "preview=true only reads. Refused whole (422, each unreadable line named) while any row cannot be read; a process its team already has is left as it is");
        return api;
    }

    private static async Task<IResult> Import(bool? preview, HttpContext http, Writer writer, IQuerySession session)
    {
        CsvUploads.EnsureText(http);
        var file = await Read(session, await CsvUploads.ReadText(http, MaxBytes), http.RequestAborted);
        return Results.Ok(preview == true ? CatalogueImportView.Of(file, stored: false) : await Store(writer, http.User, file, http.RequestAborted));
    }

    public static async Task<CatalogueFile> Read(IQuerySession session, string text, CancellationToken ct)
    {
        var teams = await session.Query<Team>().ToListAsync(ct);
        var processes = await session.Query<Process>().ToListAsync(ct);
        return CatalogueFile.Read(text, teams.GroupBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id),
            processes.Select(p => (p.OwningTeamId, p.Name)));
    }

    /// <summary>Every new process in one transaction: refused (422) with every unreadable line while there is one.</summary>
    public static async Task<CatalogueImportView> Store(Writer writer, ClaimsPrincipal user, CatalogueFile file, CancellationToken ct)
    {
        if (file.Errors.Count > 0)
        {
            throw CsvUploads.RowsRefused(file.Errors);
        }

        var added = file.Added(Actors.Of(user), writer.Now);
        if (added.Count > 0)
        {
            await writer.StartAll([.. added.Select(a => new NewStream(typeof(Process), a.ProcessId, [a]))], ct);
        }

        return CatalogueImportView.Of(file, stored: true);
    }
}
