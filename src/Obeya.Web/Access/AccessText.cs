using Obeya.Web.Language;

namespace Obeya.Web.Access;

/// <summary>Screen text of what a screen shows someone who may not see it (see <see cref="IScreenText"/>).</summary>
public sealed class AccessText : IScreenText;
