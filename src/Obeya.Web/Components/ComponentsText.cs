using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Obeya.Web.Language;

namespace Obeya.Web.Components;

/// <summary>Screen text of the shared components and the layout (see <see cref="IScreenText"/>).</summary>
public sealed class ComponentsText : IScreenText
{
    /// <summary>
    /// For the static helpers that write a screen's notices (<see cref="FormErrors"/>, <see cref="ScreenWrites"/>): they
    /// are handed no services, and the resources answer in the culture of the circuit that calls them all the same.
    /// </summary>
    internal static readonly IStringLocalizer<ComponentsText> Notices = new StringLocalizer<ComponentsText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
