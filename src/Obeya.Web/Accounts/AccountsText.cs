using Obeya.Web.Language;

namespace Obeya.Web.Accounts;

/// <summary>Screen text of the Accounts folder (see <see cref="IScreenText"/>).</summary>
public sealed class AccountsText : IScreenText;
