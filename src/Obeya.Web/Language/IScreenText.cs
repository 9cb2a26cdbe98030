namespace Obeya.Web.Language;

/// <summary>
/// Marks the class whose resources hold a feature folder's screen text (TracksText for Tracks, and so on). A screen
/// injects <c>IStringLocalizer&lt;TracksText&gt; T</c> and asks <c>T["Dutch text"]</c>: the Dutch is the key and what
/// Dutch readers see; TracksText.en.resx beside the class holds the English. TracksText.resx stays empty, so a Dutch
/// lookup ends there rather than searching for resources that do not exist.
/// </summary>
public interface IScreenText;
