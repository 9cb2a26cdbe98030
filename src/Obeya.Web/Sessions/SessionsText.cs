using Obeya.Web.Language;

namespace Obeya.Web.Sessions;

/// <summary>Screen text of the stand-up and the session history (see <see cref="IScreenText"/>).</summary>
public sealed class SessionsText : IScreenText;
