using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Processes;

/// <summary>One process of an imported list, with its line in the file.</summary>
public sealed record CatalogueRow(int Line, string Name, Guid TeamId, string? Customer, string? QuestionBehind);

/// <summary>
/// The organisation's list of processes as a spreadsheet: name, owning team (by its name), customer and the question
/// behind the question per row, with or without a header (whose names may put the columns in any order). A process a
/// team already has by that name is left as it is, so the same list imported twice adds nothing; a name twice in the
/// file is a mistake, named by its line. Nothing is stored by reading.
/// </summary>
public sealed record CatalogueFile(bool HasHeader, IReadOnlyList<CatalogueRow> Rows, int AlreadyThere, IReadOnlyList<ImportRowError> Errors)
{
    /// <summary>An organisation has hundreds of processes, not tens of thousands.</summary>
    public const int MaxRows = 5_000;

    private static readonly string[] NameHeaders = ["naam", "name", "proces", "process"];
    private static readonly string[] TeamHeaders = ["team", "eigenaar", "owner"];
    private static readonly string[] CustomerHeaders = ["klant", "customer"];
    private static readonly string[] QuestionHeaders = ["vraag achter de vraag", "de vraag achter de vraag", "vraag", "question", "question behind"];

    /// <param name="teamsByName">Every team, by its name.</param>
    /// <param name="existing">The processes already in the catalogue, as (team, name).</param>
    public static CatalogueFile Read(string? text, IReadOnlyDictionary<string, Guid> teamsByName, IEnumerable<(Guid TeamId, string Name)> existing)
    {
        var teams = new Dictionary<string, Guid>(teamsByName, StringComparer.CurrentCultureIgnoreCase);
        var stored = existing.Select(e => (e.TeamId, e.Name.ToLowerInvariant())).ToHashSet();
        var (_, cells) = CsvText.Cells(text);
        if (cells.Count == 0)
        {
            throw new DomainException("file", Phrase.Of("import.empty"));
        }

        var header = cells[0].Cells.Select(c => c.ToLowerInvariant()).ToArray();
        var hasHeader = header.Any(NameHeaders.Contains) && header.Any(TeamHeaders.Contains);
        int Find(string[] names, int otherwise) => hasHeader ? Array.FindIndex(header, names.Contains) : otherwise;
        var (name, team, customer, question) = (Find(NameHeaders, 0), Find(TeamHeaders, 1), Find(CustomerHeaders, 2), Find(QuestionHeaders, 3));
        var data = hasHeader ? cells.Skip(1).ToList() : cells;
        if (data.Count > MaxRows)
        {
            throw new DomainException("file", Phrase.Of("import.tooManyRows", data.Count, MaxRows));
        }

        var rows = new List<CatalogueRow>();
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<(Guid, string), int>();
        var alreadyThere = 0;
        foreach (var (line, values) in data)
        {
            var teamText = CsvText.At(values, team);
            if (!teams.TryGetValue(teamText, out var teamId))
            {
                errors.Add(new(line, teamText.Length == 0 ? Phrase.Of("catalogue.teamMissing") : Phrase.Of("catalogue.teamUnknown", CsvText.Shorten(teamText))));
                continue;
            }

            try
            {
                var row = new CatalogueRow(
                    line, Text.Name("name", CsvText.At(values, name)), teamId, Text.OptionalName("customer", customer < 0 ? null : CsvText.At(values, customer)),
                    Text.Optional("questionBehind", question < 0 ? null : CsvText.At(values, question), ProcessDecisions.QuestionMaxLength));
                var key = (teamId, row.Name.ToLowerInvariant());
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(new(line, Phrase.Of("catalogue.nameTwice", row.Name, first)));
                }
                else if (stored.Contains(key))
                {
                    seen[key] = line;
                    alreadyThere++;
                }
                else
                {
                    seen[key] = line;
                    rows.Add(row);
                }
            }
            catch (DomainException refused)
            {
                errors.Add(new(line, refused.Says));
            }
        }

        return new CatalogueFile(hasHeader, rows, alreadyThere, errors);
    }

    /// <summary>The new processes, one stream each, as one decision.</summary>
    public IReadOnlyList<ProcessAdded> Added(Actor by, Instant now) =>
        [.. Rows.Select(r => ProcessDecisions.Add(new AddProcess(Guid.CreateVersion7(), r.Name, r.TeamId, r.Customer, r.QuestionBehind), by, now))];
}
