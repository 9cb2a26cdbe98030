using System.Globalization;
using System.Text;
using Marten;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Obeya.Domain;
using Obeya.Domain.Access;
using Obeya.Domain.Accounts;
using Obeya.Domain.Audit;
using Obeya.Domain.Sessions;
using Obeya.Domain.Teams;
using Obeya.Domain.Tracks;
using Obeya.Domain.WallScreens;
using Obeya.Web.Access;
using Obeya.Web.Accounts;
using Obeya.Web.Infrastructure.Reads;
using Obeya.Web.Language;
using Obeya.Web.Teams;

namespace Obeya.Web.Audit;

/// <summary>One line of the audit view as the API answers it: who by their name of today.</summary>
public sealed record AuditLine(long Sequence, Instant When, string Who, string What, string Board);

/// <summary>A page of a team's audit trail, newest first, and where the next (older) page starts, if there is one.</summary>
public sealed record AuditSlice(Team Team, IReadOnlyList<AuditLine> Lines, long? Before, IReadOnlyList<string> Boards);

/// <summary>Who did what, when, on a team's boards, sessions and wall screens: as JSON, as CSV for Excel, and read by the audit page.</summary>
public static class AuditEndpoints
{
    public const int PageSize = 50;

    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder api)
    {
        var audit = api.MapGroup("/teams/{teamId:guid}").WithTags("Audit").Requires(Permission.ReadBoards);
        audit.MapGet("/audit", GetAudit)
            .WithSummary("Who did what when on the team's boards, sessions and wall screens, newest first, a page at a time " +
                "(limit, at most 500; the next page's address is in the Link header, rel=next); filter by from/to (dates in the team's zone), who and board");
        audit.MapGet("/audit.csv", GetAuditCsv)
            .WithSummary("The same, filtered, as CSV for Excel: UTF-8 with BOM, ';' between cells, a Dutch header row, newest first");
        return api;
    }

    private static async Task<IReadOnlyList<AuditLine>> GetAudit(
        Guid teamId, string? from, string? to, string? who, string? board, long? before, int? limit, HttpContext http, AuditReader reader, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new DomainException("limit", Phrase.Of("audit.limit", MaxPageSize));
        }

        if (before is < 1)
        {
            throw new DomainException("before", Phrase.Of("audit.notAPlace"));
        }

        var page = await reader.Page(teamId, Filter(from, to, who, board), before, limit ?? PageSize, ct);
        if (page.Before is { } next)
        {
            var query = QueryString.Create([.. http.Request.Query.Where(q => q.Key != "before").Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())),
                KeyValuePair.Create("before", (string?)next.ToString(CultureInfo.InvariantCulture))]);
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"";
        }

        return page.Lines;
    }

    private static async Task<IResult> GetAuditCsv(
        Guid teamId, string? from, string? to, string? who, string? board, AuditReader reader, IClock clock, CancellationToken ct)
    {
        var filter = Filter(from, to, who, board);
        var lines = new List<AuditLine>();
        Team? team = null;
        long? before = null;
        do
        {
            var page = await reader.Page(teamId, filter, before, MaxPageSize, ct);
            (team, before) = (page.Team, page.Before);
            lines.AddRange(page.Lines);
        }
        while (before is not null);

        var zone = team.Cadence.GetZone();
        var today = clock.GetCurrentInstant().InZone(zone).Date;
        return Results.File(AuditCsv.Write(lines, zone), "text/csv; charset=utf-8", $"audit-{LocalDatePattern.Iso.Format(today)}.csv");
    }

    /// <summary>The filter from query values; an unreadable date or a text no name can hold is a 400 naming its field.</summary>
    public static AuditFilter Filter(string? from, string? to, string? who, string? board)
    {
        var filter = new AuditFilter(Date("from", from), Date("to", to), Text.Optional("who", who, Text.NameMaxLength), Text.Optional("board", board, Text.NameMaxLength));
        return filter is { From: { } f, To: { } t } && f > t
            ? throw new DomainException("to", Phrase.Of("audit.endBeforeStart"))
            : filter;
    }

    private static LocalDate? Date(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return LocalDatePattern.Iso.Parse(value.Trim()) is { Success: true } date
            ? Bounds.Date(field, date.Value)
            : throw new DomainException(field, Phrase.Of("audit.dateFormat"));
    }
}

/// <summary>
/// Reads a page of a team's audit trail straight from the event store: the team's streams, filtered and ordered in the
/// query (newest first, by the store's sequence), so a long history costs what one page costs. A track's sentences come
/// from <see cref="TrackTales"/>; everyone is named as they are called today.
/// </summary>
public sealed class AuditReader(IDocumentStore store, NpgsqlDataSource dataSource, AsyncProjections projections, AccountNames names, TrackTales tales)
{
    public async Task<AuditSlice> Page(Guid teamId, AuditFilter filter, long? before, int size, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var team = await TeamEndpoints.LoadTeam(session, teamId, ct);
        var streams = await StreamsOf(session, teamId, ct);
        var (tracks, screens) = (streams.Tracks, streams.WallScreens);
        string[] boards = [AuditTrail.TeamBoard, .. tracks.Values.Distinct(), AuditTrail.SessionBoard, AuditTrail.WallScreenBoard];

        Guid[] chosen = filter.Board switch
        {
            null => streams.All,
            var b when b.Equals(AuditTrail.TeamBoard, StringComparison.OrdinalIgnoreCase) => [teamId],
            var b when b.Equals(AuditTrail.SessionBoard, StringComparison.OrdinalIgnoreCase) => [.. streams.Sessions],
            var b when b.Equals(AuditTrail.WallScreenBoard, StringComparison.OrdinalIgnoreCase) => [.. screens.Keys],
            var b => [.. tracks.Where(t => t.Value.Equals(b, StringComparison.OrdinalIgnoreCase)).Select(t => t.Key)],
        };
        if (chosen.Length == 0)
        {
            return new AuditSlice(team, [], null, boards);
        }

        var zone = team.Cadence.GetZone();
        var rows = await Rows(chosen, filter, await AccountsNamed(session, filter.Who, ct), zone, before, size, ct);
        var page = rows.Take(size).ToList();
        var events = page.Count == 0 ? [] : await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence.IsOneOf(page.ToArray()))
            .ToListAsync(ct);
        var ordered = events.OrderByDescending(e => e.Sequence).ToList();
        var nameOf = await names.For(ordered.Select(e => ((IFact)e.Data).By), ct);

        var lines = new List<AuditLine>(ordered.Count);
        foreach (var e in ordered)
        {
            var fact = (IFact)e.Data;
            var (action, board) = tracks.TryGetValue(e.StreamId, out var title)
                ? (await tales.ActionAt(e.StreamId, e.Version, ct), title)
                : (AuditTrail.Describe(e.Data, id => tracks.GetValueOrDefault(id), id => screens.GetValueOrDefault(id)), AuditTrail.BoardOf(e.Data) ?? AuditTrail.TeamBoard);
            var who = nameOf(fact.By);
            lines.Add(new AuditLine(e.Sequence, fact.At, who, Words.Say("history.sentence", who, action), board));
        }

        return new AuditSlice(team, lines, rows.Count > size ? page[^1] : null, boards);
    }

    /// <summary>Everyone who did something on the team's streams, by the name the trail gives them now, for a filter to choose from.</summary>
    public async Task<IReadOnlyList<string>> People(Guid teamId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var streams = (await StreamsOf(session, teamId, ct)).All;
        await using var command = dataSource.CreateCommand($"""
            select distinct data -> 'by' ->> 'accountId', coalesce(data -> 'by' ->> 'name', data ->> 'by')
            from {store.Options.Events.DatabaseSchemaName}.mt_events where stream_id = any($1) and is_archived = false
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = streams });
        var actors = new List<Actor>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                actors.Add(new Actor(await reader.IsDBNullAsync(0, ct) ? null : Guid.Parse(reader.GetString(0)), await reader.IsDBNullAsync(1, ct) ? "" : reader.GetString(1)));
            }
        }

        var nameOf = await names.For(actors, ct);
        return [.. actors.Select(nameOf).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Create(CultureInfo.CurrentCulture, ignoreCase: true))];
    }

    /// <summary>
    /// The team's streams, from the async daemon's read model once it has every event committed before this read: a
    /// board, session or screen begun a moment ago is in it.
    /// </summary>
    private async Task<TeamStreams> StreamsOf(IQuerySession session, Guid teamId, CancellationToken ct)
    {
        await projections.CaughtUp(ct);
        return await session.LoadAsync<TeamStreams>(teamId, ct) ?? new TeamStreams { Id = teamId };
    }

    /// <summary>Accounts whose name today is <paramref name="who"/>: the trail names people as they are called now.</summary>
    private static async Task<Guid[]?> AccountsNamed(IQuerySession session, string? who, CancellationToken ct)
    {
        if (who is null)
        {
            return null;
        }

        var accounts = await session.Query<Account>().ToListAsync(ct);
        return [.. accounts.Where(a => (a.Removed ? Words.Say("history.formerColleague") : a.Name).Equals(who, StringComparison.OrdinalIgnoreCase)).Select(a => a.Id)];
    }

    /// <summary>The sequences of one page (and one more, to know whether another page follows), newest first.</summary>
    private async Task<List<long>> Rows(
        Guid[] streams, AuditFilter filter, Guid[]? accounts, DateTimeZone zone, long? before, int size, CancellationToken ct)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var sql = new StringBuilder($"select seq_id from {schema}.mt_events where stream_id = any($1) and is_archived = false");
        var parameters = new List<NpgsqlParameter> { new NpgsqlParameter<Guid[]> { TypedValue = streams } };

        void Add(string condition, NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            sql.Append(" and ").Append(condition.Replace("$n", $"${parameters.Count}", StringComparison.Ordinal));
        }

        if (before is { } cursor)
        {
            Add("seq_id < $n", new NpgsqlParameter<long> { TypedValue = cursor });
        }

        if (filter.From is { } from)
        {
            Add("(data ->> 'at')::timestamptz >= $n", new NpgsqlParameter<DateTimeOffset> { TypedValue = from.AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset() });
        }

        if (filter.To is { } to)
        {
            Add("(data ->> 'at')::timestamptz < $n", new NpgsqlParameter<DateTimeOffset> { TypedValue = to.PlusDays(1).AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset() });
        }

        if (filter.Who is { } who)
        {
            // An actor with an account by who they are now; one without (the demo, events from before ids) by the stored name.
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. (accounts ?? []).Select(a => a.ToString())] });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = who.ToLowerInvariant() });
            sql.Append($" and ((data -> 'by' ->> 'accountId') = any(${parameters.Count - 1})")
                .Append($" or ((data -> 'by' ->> 'accountId') is null and lower(coalesce(data -> 'by' ->> 'name', data ->> 'by')) = ${parameters.Count}))");
        }

        parameters.Add(new NpgsqlParameter<int> { TypedValue = size + 1 });
        sql.Append($" order by seq_id desc limit ${parameters.Count}");

        await using var command = dataSource.CreateCommand(sql.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
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

    public static byte[] Write(IEnumerable<AuditLine> lines, DateTimeZone zone)
    {
        var csv = new StringBuilder();
        Line(csv, Header);
        foreach (var line in lines)
        {
            Line(csv, [When.Format(line.When.InZone(zone).LocalDateTime), line.Who, line.What, line.Board]);
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
