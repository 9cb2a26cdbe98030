using Obeya.Web.Language;

namespace Obeya.Web.WallScreens;

/// <summary>Screen text of the WallScreens folder (see <see cref="IScreenText"/>).</summary>
public sealed class WallScreensText : IScreenText;
