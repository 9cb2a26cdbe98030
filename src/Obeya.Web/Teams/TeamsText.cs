using Obeya.Web.Language;

namespace Obeya.Web.Teams;

/// <summary>Screen text of the team page and the team's settings (see <see cref="IScreenText"/>).</summary>
public sealed class TeamsText : IScreenText;
