using NodaTime;
using Obeya.Domain.Processes;
using Obeya.Domain.Signals;
using Obeya.Web.Infrastructure.Writes;

namespace Obeya.Web.Demo;

/// <summary>
/// The demo's customer signals: the organisation's themes, and sixty weeks of the KCC's daily counts for paspoort,
/// rijbewijs, afval and bijstand. Passports peak before the summer holidays and waste around the new year; the
/// driving-licence renewal wave of a year ago starts again a few weeks from the day the demo is seeded, so the
/// forecast shows it coming. Team Werk's theme has signals recorded one by one, some of them reported back.
/// </summary>
public static class DemoSignals
{
    private const string By = "KCC";

    /// <summary>A theme, the process it is mostly about, and how many a weekday brings in a week of the year.</summary>
    private sealed record Plan(string Name, string? Process, Func<LocalDate, double> PerDay);

    public static void Seed(List<NewStream> seeded, DemoStory story)
    {
        var processes = seeded.Where(s => s.Kind == typeof(Process)).Select(s => (ProcessAdded)s.Events[0]).ToDictionary(p => p.Name, p => p.ProcessId);
        var today = story.Today;
        // The renewal wave: a year ago it ran from five to eleven weeks after today's date.
        var waveStart = today.PlusWeeks(5 - 52);
        Plan[] plans =
        [
            new("Paspoort en ID-kaart", null, day => 14 + (day.Month is 4 or 5 or 6 ? 22 : 0)),
            new("Verlengen rijbewijs", null, day => 6 + (day >= waveStart && day < waveStart.PlusWeeks(6) ? 30 : 0)),
            new("Afval en grofvuil", null, day => 9 + ((day.Month == 12 && day.Day >= 20) || (day.Month == 1 && day.Day <= 10) ? 28 : 0)),
            new("Bijstand aanvragen", "Aanvraag bijstand", _ => 5),
            new("Parkeervergunning", null, _ => 2),
            new("Verhuizing doorgeven", null, _ => 3),
        ];
        var random = new Random(2026);
        var at = story.WeeksAgo(1, 8);
        foreach (var plan in plans)
        {
            var added = SignalDecisions.Add(Guid.CreateVersion7(), plan.Name, [], By, story.WeeksAgo(61));
            var theme = SignalTheme.From(added);
            var tallies = new List<DayCount>();
            for (var day = today.PlusWeeks(-60); day < today; day = day.PlusDays(1))
            {
                if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                {
                    continue;
                }

                var expected = plan.PerDay(day) * (0.8 + 0.4 * random.NextDouble());
                foreach (var (channel, share) in ChannelShares)
                {
                    var count = (int)Math.Round(expected * share);
                    if (count > 0)
                    {
                        tallies.Add(new DayCount(day, channel, count));
                    }
                }
            }

            var events = new List<object> { added, SignalDecisions.Tally(theme, tallies, By, at)! };
            seeded.Add(new NewStream(typeof(SignalTheme), added.ThemeId, events));
        }

        seeded.Add(ReportsWithoutReason(story, processes["Terugmelding door het re-integratiebedrijf"]));
    }

    /// <summary>How the KCC's questions come in.</summary>
    private static readonly (Channel Channel, double Share)[] ChannelShares =
        [(Channel.Phone, 0.55), (Channel.Web, 0.25), (Channel.Desk, 0.12), (Channel.Email, 0.08)];

    /// <summary>Team Werk's theme: clients and colleagues who noticed a report back without a reason, each recorded.</summary>
    private static NewStream ReportsWithoutReason(DemoStory story, Guid process)
    {
        var added = SignalDecisions.Add(Guid.CreateVersion7(), "Terugmelding zonder reden", [], By, story.WeeksAgo(10));
        var theme = SignalTheme.From(added);
        var events = new List<object> { added };
        (int WeeksAgo, Channel Channel, int Count, string Description, string? ReportedBack)[] signals =
        [
            (9, Channel.Phone, 1, "Klant begrijpt niet waarom zijn traject stopt", "Teruggebeld door de klantmanager"),
            (8, Channel.NeighbourhoodTeam, 3, "Wijkteam hoort vaker dat trajecten zonder uitleg eindigen", null),
            (6, Channel.Email, 1, "Klant vraagt wat er in de terugmelding staat", "Per brief uitgelegd"),
            (5, Channel.Phone, 12, "Vragen over een terugmelding zonder reden", null),
            (3, Channel.Desk, 2, "Klant aan de balie: waarom moet ik opnieuw beginnen?", null),
            (2, Channel.Phone, 18, "Vragen over een terugmelding zonder reden", null),
        ];
        foreach (var (weeksAgo, channel, count, description, reportedBack) in signals)
        {
            var moment = story.WeeksAgo(weeksAgo, 10);
            var recorded = SignalDecisions.Record(
                theme, new RecordSignal(Guid.CreateVersion7(), channel, story.DayOf(moment), count, process, description), By, moment);
            theme = theme.With(recorded);
            events.Add(recorded);
            if (reportedBack is not null)
            {
                var told = SignalDecisions.ReportBack(theme, recorded.SignalId, reportedBack, "Joost", moment + Duration.FromDays(2));
                theme = theme.With(told);
                events.Add(told);
            }
        }

        return new NewStream(typeof(SignalTheme), added.ThemeId, events);
    }
}
