using Obeya.Web.Language;

namespace Obeya.Web.Rhythm;

/// <summary>Screen text of the habit calendar and the rhythm warnings (see <see cref="IScreenText"/>).</summary>
public sealed class RhythmText : IScreenText;
