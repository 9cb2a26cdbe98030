using Obeya.Web.Language;

namespace Obeya.Web.Administration;

/// <summary>Screen text of the Administration folder (see <see cref="IScreenText"/>).</summary>
public sealed class AdministrationText : IScreenText;
