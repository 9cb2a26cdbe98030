using System.Globalization;
using NodaTime;
using NodaTime.Extensions;
using NodaTime.Text;
using Obeya.Web.Language;

namespace Obeya.Web.Components;

/// <summary>Dates, times, numbers and spans of days as a reader of the chosen language expects them on a board.</summary>
public static class Format
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Date(LocalDate date) => LocalDatePattern.Create("d MMMM uuuu", Culture).Format(date);

    /// <summary>"23 nov." in Dutch, "23 Nov" in English: a date in a narrow column.</summary>
    public static string ShortDate(LocalDate date) => LocalDatePattern.Create("d MMM", Culture).Format(date);

    public static string Time(LocalTime time) => LocalTimePattern.Create("HH:mm", Culture).Format(time);

    /// <summary>"dinsdag 1 december om 09:00".</summary>
    public static string SessionStart(ZonedDateTime start) =>
        Words.Say("format.sessionStart", LocalDatePattern.Create("dddd d MMMM", Culture).Format(start.Date), Time(start.TimeOfDay));

    /// <summary>"dinsdag en donderdag", "maandag, woensdag en vrijdag".</summary>
    public static string Days(IEnumerable<IsoDayOfWeek> days) =>
        List([.. days.Select(d => Culture.DateTimeFormat.GetDayName(d.ToDayOfWeek()))]);

    /// <summary>A list as a sentence says it: "a", "a en b", "a, b en c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => Words.Say("format.listEnd", string.Join(", ", items.Take(items.Count - 1)), items[^1]),
    };

    /// <summary>A number as the language writes it, with no more decimals than it has: "2,5" in Dutch, "2.5" in English.</summary>
    public static string Number(decimal value) => value.ToString("0.####", Culture);

    /// <summary>A stretch of clock time as a value stream map says it: days from a day on, hours from an hour, else minutes.</summary>
    public static string Duration(long minutes) => minutes switch
    {
        >= 1440 => Words.Say("format.durationDays", Math.Round(minutes / 1440m, 1)),
        >= 60 => Words.Say("format.durationHours", Math.Round(minutes / 60m, 1)),
        1 => Words.Say("format.durationMinute"),
        _ => Words.Say("format.durationMinutes", (decimal)minutes),
    };

    /// <summary>
    /// A share (0–1) as a percentage with one decimal; a dash when there is none. A share too small for that precision
    /// (minutes of work in weeks of waiting) says so rather than 0.
    /// </summary>
    public static string Percent(decimal? share) => share switch
    {
        null => "–",
        > 0 and < 0.0005m => $"< {Number(0.1m)} %",
        { } value => $"{Number(Math.Round(value * 100, 1))} %",
    };

    /// <summary>A number of whole days: "1 dag", "3 dagen".</summary>
    public static string DayCount(int days) => days == 1 ? Words.Say("format.oneDay") : Words.Say("format.days", days);

    /// <summary>When something happened, counted in whole days back from today: "vandaag", "gisteren", "3 dagen geleden".</summary>
    public static string DaysAgo(int days) => days switch
    {
        <= 0 => Words.Say("format.today"),
        1 => Words.Say("format.yesterday"),
        _ => Words.Say("format.daysAgo", days),
    };

    /// <summary>How old something is, after "is": "van vandaag", "van gisteren", "3 dagen oud".</summary>
    public static string DaysOld(int days) => days switch
    {
        <= 0 => Words.Say("format.ofToday"),
        1 => Words.Say("format.ofYesterday"),
        _ => Words.Say("format.daysOld", days),
    };
}
