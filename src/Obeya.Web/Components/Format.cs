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
}
