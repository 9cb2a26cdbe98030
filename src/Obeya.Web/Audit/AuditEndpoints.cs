using Obeya.Web.Access;
using Obeya.Domain.Access;
using System.Globalization;
using System.Text;
using Marten;
using NodaTime;
using NodaTime.Text;
using Obeya.Domain;
using Obeya.Domain.Audit;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Web.Teams;

namespace Obeya.Web.Audit;

/// <summary>One line of the audit view as the API answers it.</summary>
public sealed record AuditLine(Instant When, string Who, string What, string Board)
{
    public static AuditLine Of(AuditEntry entry) => new(entry.When, entry.Who, entry.What, entry.Board);
}

/// <summary>A team's audit trail, filtered, ready to show: the team (for its zone and name) and the entries.</summary>
public sealed record AuditView(Team Team, IReadOnlyList<AuditEntry> All, IReadOnlyList<AuditEntry> Shown);

/// <summary>Who did what, when, on a team's boards, sessions and wall screens: as JSON, as CSV for Excel, and read by the audit page.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/teams/{teamId:guid}").WithTags("Audit").Requires(Permission.ReadBoards);
        audit.MapGet("/audit", GetAudit)
            .WithSummary("Who did what when on the team's boards, sessions and wall screens; filter by from/to (dates in the team's zone), who and board");
        audit.MapGet("/audit.csv", GetAuditCsv)
            .WithSummary("The same as CSV for Excel: UTF-8 with BOM, ';' between cells, a Dutch header row");
        return api;
    }

    private static async Task<IReadOnlyList<AuditLine>> GetAudit(
        Guid teamId, string? from, string? to, string? who, string? board, IQuerySession session, CancellationToken ct)
    {
        var view = await Load(session, teamId, Filter(from, to, who, board), ct);
        return [.. view.Shown.Select(AuditLine.Of)];
    }

    private static async Task<IResult> GetAuditCsv(
        Guid teamId, string? from, string? to, string? who, string? board, IQuerySession session, IClock clock, CancellationToken ct)
    {
        var view = await Load(session, teamId, Filter(from, to, who, board), ct);
        var zone = view.Team.Cadence.GetZone();
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        return Results.File(AuditCsv.Write(view.Shown, zone), "text/csv; charset=utf-8", $"audit-{LocalDatePattern.Iso.Format(today)}.csv");
    }

    /// <summary>The filter from query values; an unreadable date is a 400 naming its field.</summary>
    public static AuditFilter Filter(string? from, string? to, string? who, string? board)
    {
        var filter = new AuditFilter(Date("from", from), Date("to", to), who, board);
        return filter is { From: { } f, To: { } t } && f > t
            ? throw new DomainException("to", "De einddatum ligt voor de begindatum.")
            : filter;
    }

    /// <summary>
    /// Reads every stream of the team (the team, its tracks, its sessions, its wall screens) in the store's order.
    /// The whole history is read even when filtered, because a track's sentence needs the board as it stood before.
    /// </summary>
    public static async Task<AuditView> Load(IQuerySession session, Guid teamId, AuditFilter filter, CancellationToken ct)
    {
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        var tracks = await session.Query<Track>().Where(t => t.TeamId == teamId).Select(t => t.Id).ToListAsync(ct);
        var sessions = await session.Query<Session>().Where(s => s.TeamId == teamId).Select(s => s.Id).ToListAsync(ct);
        var screens = await session.Query<WallScreen>().Where(s => s.TeamId == teamId).Select(s => s.Id).ToListAsync(ct);
        Guid[] streams = [teamId, .. tracks, .. sessions, .. screens];

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => streams.Contains(e.StreamId))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var all = AuditTrail.Of(events.Select(e => new AuditSource(e.Sequence, e.StreamId, e.Data)));
        return new AuditView(team, all, filter.Apply(all, team.Cadence.GetZone()));
    }

    private static LocalDate? Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return LocalDatePattern.Iso.Parse(value.Trim()) is { Success: true } date
            ? date.Value
            : throw new DomainException(field, "Geef een datum als 2026-03-12.");
    }
}

/// <summary>
/// The audit trail as a CSV file that Dutch Excel opens as is: a BOM so it reads UTF-8 (é), ';' because Dutch
/// Excel uses the comma for decimals, and no cell that Excel would run as a formula.
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["Wanneer", "Wie", "Wat", "Bord"];

    private static readonly LocalDateTimePattern When = LocalDateTimePattern.Create("uuuu-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static byte[] Write(IEnumerable<AuditEntry> entries, DateTimeZone zone)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var entry in entries)
        {
            Line(csv, [When.Format(entry.When.InZone(zone).LocalDateTime), entry.Who, entry.What, entry.Board]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// A cell starting with = + - @ (or a tab or carriage return, which Excel skips before reading one) gets a
    /// leading apostrophe so it stays text; a cell with ';', '"' or a line break is quoted.
    /// </summary>
    public static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) => csv.Append(string.Join(';', cells.Select(Cell))).Append("\r\n");
}
