using Obeya.Web.Language;

namespace Obeya.Web.Programmes;

/// <summary>Screen text of the Obeya room and its views (see <see cref="IScreenText"/>).</summary>
public sealed class ProgrammesText : IScreenText;
