using Obeya.Domain.Signals;
using Microsoft.Extensions.Localization;
using Obeya.Web.Language;

namespace Obeya.Web.Signals;

/// <summary>Screen text of the customer signals (see <see cref="IScreenText"/>).</summary>
public sealed class SignalsText : IScreenText;

/// <summary>How the screens name a channel and a trend.</summary>
public static class SignalWords
{
    public static string Of(this IStringLocalizer<SignalsText> t, Channel channel) => channel switch
    {
        Channel.Phone => t["telefoon"],
        Channel.Desk => t["balie"],
        Channel.Email => t["e-mail"],
        Channel.Web => t["web"],
        Channel.Letter => t["brief"],
        _ => t["wijkteam"],
    };

    public static string Of(this IStringLocalizer<SignalsText> t, TrendDirection? trend) => trend switch
    {
        TrendDirection.Rising => t["stijgend"],
        TrendDirection.Falling => t["dalend"],
        TrendDirection.Steady => t["gelijk"],
        _ => t["nog niet te zeggen"],
    };
}
