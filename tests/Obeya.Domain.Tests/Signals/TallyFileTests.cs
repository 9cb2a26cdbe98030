using CsCheck;
using NodaTime;
using Obeya.Domain.Signals;

namespace Obeya.Domain.Tests.Signals;

/// <summary>A KCC or CRM export read as tallies: Dutch and ISO, with or without a header, every bad row named.</summary>
public class TallyFileTests
{
    private static readonly Guid Passport = Guid.NewGuid();
    private static readonly Guid Licence = Guid.NewGuid();
    private static readonly Dictionary<string, Guid> Themes = new() { ["Paspoort en ID-kaart"] = Passport, ["Verlengen rijbewijs"] = Licence };

    [Fact]
    public void a_dutch_export_with_a_header_in_its_own_order_is_read()
    {
        var file = TallyFile.Read("Thema;Aantal;Datum;Kanaal\nverlengen rijbewijs;38;3-3-2026;Telefoon\nPaspoort en ID-kaart;1.204;03-03-2026;balie\n", Themes);

        file.Errors.Should().BeEmpty();
        file.HasHeader.Should().BeTrue();
        file.DayFirst.Should().BeTrue();
        file.Rows.Should().Equal(
            new TallyRow(2, Licence, new DayCount(new LocalDate(2026, 3, 3), Channel.Phone, 38)),
            new TallyRow(3, Passport, new DayCount(new LocalDate(2026, 3, 3), Channel.Desk, 1204)));
    }

    [Fact]
    public void an_iso_export_without_a_header_reads_date_channel_theme_count()
    {
        var file = TallyFile.Read("2026-03-03,web,Verlengen rijbewijs,4\n2026-03-04,E-mail,Verlengen rijbewijs,2", Themes);

        file.HasHeader.Should().BeFalse();
        file.DayFirst.Should().BeFalse();
        file.Rows.Select(r => (r.Line, r.Tally.Channel, r.Tally.Count)).Should().Equal((1, Channel.Web, 4), (2, Channel.Email, 2));
    }

    [Fact]
    public void rows_of_one_day_channel_and_theme_add_up()
    {
        var file = TallyFile.Read("datum;kanaal;thema;aantal\n3-3-2026;telefoon;Verlengen rijbewijs;30\n3-3-2026;telefoon;Verlengen rijbewijs;8", Themes);

        file.Rows.Should().ContainSingle().Which.Should().Be(new TallyRow(2, Licence, new DayCount(new LocalDate(2026, 3, 3), Channel.Phone, 38)));
    }

    [Fact]
    public void every_row_that_cannot_be_read_is_named_with_its_line_and_why()
    {
        var file = TallyFile.Read(
            "datum;kanaal;thema;aantal\n3-3-2026;telefoon;Verlengen rijbewijs;38\n31-2-2026;telefoon;Verlengen rijbewijs;1\n"
            + "3-3-2026;fax;Verlengen rijbewijs;1\n3-3-2026;telefoon;Parkeren;1\n3-3-2026;telefoon;Verlengen rijbewijs;-2\n3-3-1900;web;Verlengen rijbewijs;2\n",
            Themes);

        file.Rows.Should().ContainSingle();
        file.Errors.Select(e => (e.Line, e.Why.Key)).Should().Equal(
            (3, "import.dateUnreadable"), (4, "signals.channelUnreadable"), (5, "signals.themeUnknown"), (6, "signals.countUnreadable"), (7, "date.outOfRange"));
    }

    [Fact]
    public void any_text_reads_as_rows_or_named_errors_and_never_throws_anything_else()
    {
        Gen.String[Gen.Char["0123456789-/.,; \t\n\"telfonwbPaspor"], 0, 300].Sample(text =>
        {
            try
            {
                var file = TallyFile.Read(text, Themes);
                file.Rows.All(r => r.Tally.Count is >= 1 and <= SignalDecisions.MaxCount).Should().BeTrue();
                file.Rows.Select(r => (r.ThemeId, r.Tally.On, r.Tally.Channel)).Should().OnlyHaveUniqueItems();
            }
            catch (DomainException refused)
            {
                refused.Says.Key.Should().BeOneOf("import.empty", "import.tooManyRows");
            }
        }, iter: 2_000);
    }
}
