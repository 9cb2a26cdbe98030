using Obeya.Web.Language;

namespace Obeya.Web.Processes;

/// <summary>Screen text of the process catalogue (see <see cref="IScreenText"/>).</summary>
public sealed class ProcessesText : IScreenText;
