using System.Globalization;
using NodaTime;
using NodaTime.Extensions;
using NodaTime.Text;

namespace Obeya.Web.Components;

/// <summary>Dates and times as a Dutch reader expects them on a board.</summary>
public static class Format
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static string Date(LocalDate date) => LocalDatePattern.Create("d MMMM uuuu", Culture).Format(date);

    public static string Time(LocalTime time) => LocalTimePattern.Create("HH:mm", Culture).Format(time);

    public static string SessionStart(ZonedDateTime start) =>
        $"{LocalDatePattern.Create("dddd d MMMM", Culture).Format(start.Date)} om {Time(start.TimeOfDay)}";

    public static string Days(IEnumerable<IsoDayOfWeek> days) =>
        string.Join(" en ", days.Select(d => Culture.DateTimeFormat.GetDayName(d.ToDayOfWeek())));

    /// <summary>A number of whole days: "1 dag", "3 dagen".</summary>
    public static string DayCount(int days) => days == 1 ? "1 dag" : $"{days} dagen";

    /// <summary>When something happened, counted in whole days back from today: "vandaag", "gisteren", "3 dagen geleden".</summary>
    public static string DaysAgo(int days) => days switch
    {
        <= 0 => "vandaag",
        1 => "gisteren",
        _ => $"{days} dagen geleden",
    };

    /// <summary>How old something is, after "is": "van vandaag", "van gisteren", "3 dagen oud".</summary>
    public static string DaysOld(int days) => days switch
    {
        <= 0 => "van vandaag",
        1 => "van gisteren",
        _ => $"{days} dagen oud",
    };
}
