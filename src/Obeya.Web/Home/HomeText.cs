using Obeya.Web.Language;

namespace Obeya.Web.Home;

/// <summary>Screen text of the home page (see <see cref="IScreenText"/>).</summary>
public sealed class HomeText : IScreenText;
