using Obeya.Web.Language;

namespace Obeya.Web.Components;

/// <summary>Screen text of the shared components and the layout (see <see cref="IScreenText"/>).</summary>
public sealed class ComponentsText : IScreenText;
