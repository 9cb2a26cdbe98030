using Obeya.Web.Language;

namespace Obeya.Web.Audit;

/// <summary>Screen text of the Audit folder (see <see cref="IScreenText"/>).</summary>
public sealed class AuditText : IScreenText;
