using CsCheck;
using NodaTime;
using Obeya.Domain.Processes;

namespace Obeya.Domain.Tests.Processes;

/// <summary>The organisation's process list as a spreadsheet, and how far the teams' processes are covered.</summary>
public class CatalogueFileTests
{
    private static readonly Guid Werk = Guid.NewGuid();
    private static readonly Guid Inkomen = Guid.NewGuid();
    private static readonly Dictionary<string, Guid> Teams = new() { ["Team Werk"] = Werk, ["Team Inkomen"] = Inkomen };

    [Fact]
    public void a_list_with_a_header_in_its_own_order_is_read_and_what_a_team_has_already_is_left_as_it_is()
    {
        var file = CatalogueFile.Read(
            "Team;Naam;Vraag achter de vraag;Klant\nteam werk;Intake werkzoekende;De inwoner wil aan het werk;Inwoner zonder werk\nTeam Inkomen;Aanvraag bijstand;;\n",
            Teams, [(Inkomen, "aanvraag BIJSTAND")]);

        file.Errors.Should().BeEmpty();
        file.HasHeader.Should().BeTrue();
        file.Rows.Should().Equal(new CatalogueRow(2, "Intake werkzoekende", Werk, "Inwoner zonder werk", "De inwoner wil aan het werk"));
        file.AlreadyThere.Should().Be(1);
        file.Added("Beheerder", Instant.FromUtc(2026, 12, 2, 9, 0)).Should().ContainSingle().Which.OwningTeamId.Should().Be(Werk);
    }

    [Fact]
    public void every_row_that_cannot_be_read_is_named_with_its_line_and_why()
    {
        var file = CatalogueFile.Read("Invordering;Team Schulden\n;Team Werk\nJobcoaching;\nJobcoaching;Team Werk\njobcoaching;Team Werk\nKlant 111222333;Team Werk\n", Teams, []);

        file.HasHeader.Should().BeFalse();
        file.Errors.Select(e => (e.Line, e.Why.Key)).Should().Equal(
            (1, "catalogue.teamUnknown"), (2, "text.required"), (3, "catalogue.teamMissing"), (5, "catalogue.nameTwice"), (6, "bsn.refused"));
        file.Rows.Select(r => r.Name).Should().Equal("Jobcoaching");
    }

    [Fact]
    public void any_text_reads_as_rows_or_named_errors_and_never_throws_anything_else()
    {
        Gen.String[Gen.Char["abcTeam Wrkn;,\t\n\"1"], 0, 200].Sample(text =>
        {
            try
            {
                var file = CatalogueFile.Read(text, Teams, []);
                file.Rows.Select(r => (r.TeamId, r.Name.ToLowerInvariant())).Should().OnlyHaveUniqueItems();
            }
            catch (DomainException refused)
            {
                refused.Says.Key.Should().BeOneOf("import.empty", "import.tooManyRows");
            }
        }, iter: 1_000);
    }

    [Fact]
    public void coverage_counts_per_team_the_processes_mapped_and_those_a_running_track_works_on()
    {
        var now = Instant.FromUtc(2026, 12, 2, 9, 0);
        var (running, closed) = (Guid.NewGuid(), Guid.NewGuid());
        Process Added(Guid team, string name) => Process.From(ProcessDecisions.Add(new AddProcess(Guid.NewGuid(), name, team, null, null), "Emmy", now));
        var mapped = Added(Werk, "Intake");
        mapped = mapped.With(ProcessDecisions.Draw(mapped, new DrawValueStreamMap(Guid.NewGuid(), MapState.Current, "Nu", 10,
            [new ValueStreamStep(Guid.NewGuid(), "Aanmelding", "KCC", 10, 0, 90)]), isNew: true, "Emmy", now));
        var improved = mapped.With(ProcessDecisions.LinkTrack(mapped, running, null, "Emmy", now));
        var stopped = Added(Werk, "Jobcoaching");
        stopped = stopped.With(ProcessDecisions.LinkTrack(stopped, closed, null, "Emmy", now));

        ProcessCoverage.Of([improved, stopped, Added(Inkomen, "Bijstand")], new HashSet<Guid> { running })
            .Should().BeEquivalentTo([new TeamCoverage(Werk, 2, 1, 1), new TeamCoverage(Inkomen, 1, 0, 0)]);
    }
}
