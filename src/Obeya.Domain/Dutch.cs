using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Obeya.Domain;

/// <summary>How the domain's Dutch sentences write dates and numbers, whatever culture the thread runs in.</summary>
public static class Dutch
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Create("d MMMM uuuu", Culture);

    /// <summary>"28 december 2026".</summary>
    public static string Date(LocalDate date) => DatePattern.Format(date);
}
