using Obeya.Web.Language;

namespace Obeya.Web.Calendars;

/// <summary>Screen text of the calendar links (see <see cref="IScreenText"/>).</summary>
public sealed class CalendarsText : IScreenText;
