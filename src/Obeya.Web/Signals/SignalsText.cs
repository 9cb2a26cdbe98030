using Obeya.Domain.Signals;
using Microsoft.Extensions.Localization;
using Obeya.Web.Language;

namespace Obeya.Web.Signals;

/// <summary>Screen text of the customer signals (see <see cref="IScreenText"/>).</summary>
public sealed class SignalsText : IScreenText;

/// <summary>How the screens name a channel and a trend.</summary>
public static class SignalWords
{
    public static string Of(this IStringLocalizer<SignalsText> T, Channel channel) => channel switch
    {
        Channel.Phone => T["telefoon"],
        Channel.Desk => T["balie"],
        Channel.Email => T["e-mail"],
        Channel.Web => T["web"],
        Channel.Letter => T["brief"],
        _ => T["wijkteam"],
    };

    public static string Of(this IStringLocalizer<SignalsText> T, TrendDirection? trend) => trend switch
    {
        TrendDirection.Rising => T["stijgend"],
        TrendDirection.Falling => T["dalend"],
        TrendDirection.Steady => T["gelijk"],
        _ => T["nog niet te zeggen"],
    };
}
