using CsCheck;
using NodaTime;
using Obeya.Domain.Tracks;

namespace Obeya.Domain.Tests.Tracks;

/// <summary>Measurements in bulk: Dutch and ISO files read alike, every bad row named, one change that is safe to repeat.</summary>
public class MeasurementImportTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 8, 0);
    private static readonly Guid TrackId = Guid.NewGuid();
    private static readonly Guid MetricId = Guid.NewGuid();
    private const string By = "Emmy";

    private static Track Measured(params (LocalDate On, decimal Value)[] stored) => Track.Replay(
    [
        new TrackStarted(TrackId, Guid.NewGuid(), "Klantgesprek", "Elk gesprek helpt", By, Now),
        new MetricDefined(TrackId, MetricId, "Met klantbeeld", "%", BetterDirection.Higher, 60, By, Now),
        .. stored.Select(s => new MeasurementRecorded(TrackId, MetricId, Guid.NewGuid(), s.On, s.Value, null, By, Now)),
    ]);

    [Fact]
    public void a_dutch_file_with_a_header_semicolons_decimal_commas_and_day_first_dates()
    {
        var file = MeasurementFile.Read("\uFEFFDatum;Waarde;Notitie\r\n02-11-2026;41,5;eerste week\r\n9-11-2026;1.043,25;\r\n16/11/2026;45%;\r\n");

        file.Format.Should().Be(new ImportFormat(';', DecimalComma: true, DayFirst: true, HasHeader: true));
        file.Errors.Should().BeEmpty();
        file.Rows.Should().Equal(
            new ImportRow(2, new LocalDate(2026, 11, 2), 41.5m, "eerste week"),
            new ImportRow(3, new LocalDate(2026, 11, 9), 1043.25m, null),
            new ImportRow(4, new LocalDate(2026, 11, 16), 45m, null));
    }

    [Fact]
    public void an_iso_file_without_a_header_and_cells_pasted_from_excel()
    {
        var iso = MeasurementFile.Read("2026-11-02,41.5\n2026-11-09,\"1,043.25\"\n");
        iso.Format.Should().Be(new ImportFormat(',', DecimalComma: false, DayFirst: false, HasHeader: false));
        iso.Rows.Select(r => r.Value).Should().Equal(41.5m, 1043.25m);

        var pasted = MeasurementFile.Read("02-11-2026 00:00\t41,5\n09-11-2026 00:00\t43\n");
        pasted.Format.Separator.Should().Be('\t');
        pasted.Rows.Select(r => (r.On, r.Value)).Should().Equal((new LocalDate(2026, 11, 2), 41.5m), (new LocalDate(2026, 11, 9), 43m));
    }

    [Fact]
    public void every_row_that_cannot_be_read_is_named_with_its_line_and_why()
    {
        var file = MeasurementFile.Read(string.Join('\n',
            "datum;waarde",
            "02-11-2026;41,5",
            "31-02-2026;42",
            "09-11-2026;veertig",
            ";43",
            "16-11-2026;",
            "02-11-2026;44",
            "01-01-1999;45",
            "23-11-2026;1,23456",
            "30-11-2026;46;BSN 111222333"));

        file.Rows.Should().ContainSingle().Which.Line.Should().Be(2);
        file.Errors.Should().Equal(
            new ImportRowError(3, Phrase.Of("import.dateUnreadable", "31-02-2026")),
            new ImportRowError(4, Phrase.Of("import.valueUnreadableComma", "veertig")),
            new ImportRowError(5, Phrase.Of("import.dateMissing")),
            new ImportRowError(6, Phrase.Of("import.valueMissing")),
            new ImportRowError(7, Phrase.Of("import.dateTwice", new LocalDate(2026, 11, 2), 2)),
            new ImportRowError(8, Phrase.Of("date.outOfRange", Bounds.EarliestDate, Bounds.LatestDate)),
            new ImportRowError(9, Phrase.Of("number.tooManyDecimals", 4)),
            new ImportRowError(10, Obeya.Domain.Privacy.PrivacyGuard.BsnRefusal));
    }

    [Fact]
    public void an_empty_file_or_one_too_large_is_refused_whole()
    {
        FluentActions.Invoking(() => MeasurementFile.Read(" \r\n\n")).Should().Throw<DomainException>().Which.Says.Key.Should().Be("import.empty");
        var tooMany = string.Join('\n', Enumerable.Range(0, MeasurementFile.MaxRows + 1).Select(i => $"{new LocalDate(2000, 1, 1).PlusDays(i % 30_000):yyyy-MM-dd};1"));
        FluentActions.Invoking(() => MeasurementFile.Read(tooMany)).Should().Throw<DomainException>().Which.Says.Key.Should().Be("import.tooManyRows");
    }

    [Fact]
    public void new_dates_are_recorded_and_measured_ones_skipped_or_corrected_as_chosen()
    {
        var track = Measured((new LocalDate(2026, 11, 2), 40m), (new LocalDate(2026, 11, 9), 43m));
        var rows = MeasurementFile.Read("02-11-2026;41\n09-11-2026;43\n16-11-2026;45\n").Rows;

        var skipping = TrackDecisions.ImportMeasurements(track, new ImportMeasurements(MetricId, rows, DuplicateDates.Skip), By, Now);
        skipping.Should().ContainSingle().Which.Should().BeOfType<MeasurementRecorded>().Which.On.Should().Be(new LocalDate(2026, 11, 16));

        var correcting = TrackDecisions.ImportMeasurements(track, new ImportMeasurements(MetricId, rows, DuplicateDates.Correct), By, Now);
        correcting.Should().HaveCount(2);
        correcting.OfType<MeasurementCorrected>().Should().ContainSingle().Which.Should().BeEquivalentTo(new { Value = 41m, Reason = TrackDecisions.ImportCorrectionReason });
    }

    [Fact]
    public void importing_the_same_file_again_changes_nothing()
    {
        var rows = MeasurementFile.Read("02-11-2026;41\n09-11-2026;43\n").Rows;
        foreach (var duplicates in new[] { DuplicateDates.Skip, DuplicateDates.Correct })
        {
            var first = TrackDecisions.ImportMeasurements(Measured(), new ImportMeasurements(MetricId, rows, duplicates), By, Now);
            var after = first.Aggregate(Measured(), (t, e) => t.With(e));

            TrackDecisions.ImportMeasurements(after, new ImportMeasurements(MetricId, rows, duplicates), By, Now).Should().BeEmpty();
        }
    }

    [Fact]
    public void any_text_reads_as_rows_or_named_errors_and_never_throws_anything_else()
    {
        Gen.String[Gen.Char["0123456789-/.,; \t\n\"%abcBSN"], 0, 300].Sample(text =>
        {
            try
            {
                var file = MeasurementFile.Read(text);
                file.Rows.Select(r => r.On).Should().OnlyHaveUniqueItems();
                file.Rows.All(r => r.On >= Bounds.EarliestDate && r.On <= Bounds.LatestDate).Should().BeTrue();
                file.Errors.Select(e => e.Line).Concat(file.Rows.Select(r => r.Line)).Should().OnlyHaveUniqueItems();
            }
            catch (DomainException refused)
            {
                refused.Says.Key.Should().BeOneOf("import.empty", "import.tooManyRows");
            }
        }, iter: 2_000);
    }
}
