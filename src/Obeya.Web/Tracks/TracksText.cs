using Obeya.Web.Language;

namespace Obeya.Web.Tracks;

/// <summary>Screen text of the storyboard and its panels (see <see cref="IScreenText"/>).</summary>
public sealed class TracksText : IScreenText;
