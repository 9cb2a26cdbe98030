using System.Buffers;
using System.Globalization;
using System.Text;
using Obeya.Domain.Privacy;

namespace Obeya.Domain;

/// <summary>
/// The rules every piece of text on a board keeps: only characters that every store and screen can hold,
/// trimmed of what nobody sees, present, not too long, no client data.
/// </summary>
public static class Text
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 4000;

    /// <summary>A short name or title: required, one line, at most 200 characters, trimmed.</summary>
    public static string Name(string field, string? value) => Checked(field, value, NameMaxLength, required: true, oneLine: true)!;

    /// <summary>A name that may be left empty (then null): one line, at most 200 characters, trimmed.</summary>
    public static string? OptionalName(string field, string? value) =>
        Checked(field, value, NameMaxLength, required: false, oneLine: true);

    /// <summary>A free text: required, at most 4,000 characters, trimmed; tabs and line breaks allowed.</summary>
    public static string Free(string field, string? value) => Checked(field, value, TextMaxLength, required: true, oneLine: false)!;

    /// <summary>A free text that may be left empty (then null).</summary>
    public static string? Optional(string field, string? value, int maxLength = TextMaxLength) =>
        Checked(field, value, maxLength, required: false, oneLine: false);

    /// <summary>
    /// Whether a text counts as left empty: nothing but whitespace, invisible characters and combining marks. For a
    /// screen that skips fields left empty before it asks the domain, so it skips the same ones the domain would.
    /// </summary>
    public static bool IsEmpty(string? value) => IsBlank(TrimInvisible(value ?? ""));

    private static string? Checked(string field, string? value, int maxLength, bool required, bool oneLine)
    {
        // What is trimmed is never stored, so a stray tab or form feed at an end is dropped rather than refused.
        var trimmed = TrimInvisible(value ?? "");
        if (IsBlank(trimmed))
        {
            return required ? throw new DomainException(field, Phrase.Of("text.required")) : null;
        }

        if (FirstForbidden(trimmed, oneLine) is { } problem)
        {
            throw new DomainException(field, problem);
        }

        // NFC, so that "é" typed on one machine and pasted from another (e + combining accent) is stored, counted,
        // compared and searched as the same text. Not NFKC: that would turn "m²" into "m2" and change what was written.
        var stored = trimmed.Normalize(NormalizationForm.FormC);
        if (!oneLine)
        {
            // One kind of line break (CR LF from Windows and form posts, U+2028 from some editors), so a text
            // counts and shows the same whichever screen or API sent it.
            stored = stored.ReplaceLineEndings("\n");
        }

        if (stored.Length > maxLength)
        {
            throw new DomainException(field, Phrase.Of("text.tooLong", maxLength, stored.Length));
        }

        if (PrivacyGuard.FindBsn(stored) is not null)
        {
            throw new DomainException(field, PrivacyGuard.BsnRefusal);
        }

        return stored;
    }

    /// <summary>The text without the characters nobody sees at its start and end (spaces, zero-width characters, BOM).</summary>
    internal static string TrimInvisible(string text)
    {
        var start = 0;
        while (start < text.Length && Rune.DecodeFromUtf16(text.AsSpan(start), out var rune, out var used) == OperationStatus.Done
               && TrimsAway(rune))
        {
            start += used;
        }

        var end = text.Length;
        while (end > start && Rune.DecodeLastFromUtf16(text.AsSpan(start, end - start), out var rune, out var used) == OperationStatus.Done
               && TrimsAway(rune))
        {
            end -= used;
        }

        return text[start..end];
    }

    /// <summary>
    /// Nothing a reader would see: only whitespace, format characters and combining marks (which need a letter to sit on).
    /// </summary>
    internal static bool IsBlank(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
            {
                return false;
            }

            if (!IsInvisible(rune) && !IsMark(rune))
            {
                return false;
            }

            i += used;
        }

        return true;
    }

    /// <summary>A character that takes no visible place of its own: Unicode White_Space, a format character or a blank filler.</summary>
    internal static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format && !IsPrependedMark(rune.Value))
        // Letters and symbols that render as nothing: the Hangul fillers and the blank Braille cell, the usual way
        // to make a name look filled in while it is empty.
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    private static bool TrimsAway(Rune rune) => IsInvisible(rune) && !IsTag(rune.Value);

    private static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;

    // Tag characters end an emoji flag sequence (the Scottish flag ends in them), so trimming them breaks the flag.
    private static bool IsTag(int value) => value is 0xE0001 or (>= 0xE0020 and <= 0xE007F);

    // Format characters that are drawn (the Arabic number signs span the digits after them): not invisible.
    private static bool IsPrependedMark(int value) =>
        value is (>= 0x0600 and <= 0x0605) or 0x06DD or 0x070F or 0x0890 or 0x0891 or 0x08E2 or 0x110BD or 0x110CD;

    /// <summary>The refusal for the first character that may not be stored, or null when every character may.</summary>
    private static Phrase? FirstForbidden(string text, bool oneLine)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done)
            {
                // A lone surrogate is not a character: JSON writes it as U+FFFD and PostgreSQL refuses it.
                return Invalid(text[i]);
            }

            if (ProblemWith(rune, oneLine) is { } problem)
            {
                return problem;
            }

            i += used;
        }

        return null;
    }

    private static Phrase? ProblemWith(Rune rune, bool oneLine)
    {
        var value = rune.Value;
        var category = Rune.GetUnicodeCategory(rune);
        if (oneLine && (value is '\n' or '\r' or 0x85 || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
        {
            return Phrase.Of("text.oneLine", Code(value));
        }

        if (category == UnicodeCategory.Control)
        {
            // NUL is refused by PostgreSQL; the other control characters are invisible and break CSV, logs and screens.
            // A free text keeps tab and line breaks, which people type.
            return !oneLine && value is '\t' or '\n' or '\r' ? null : Invalid(value);
        }

        if (IsNoncharacter(value))
        {
            return Invalid(value);
        }

        // An unassigned code point passes: the phone that typed a new emoji knows a newer Unicode than this runtime.
        // Private use characters are storable, but no two fonts agree on them: the wall shows an empty box, and the
        // common source is a Word bullet pasted along (U+F0B7). "Whatever the domain accepts, every screen can show."
        return category == UnicodeCategory.PrivateUse
            ? Phrase.Of("text.privateUse", Code(value))
            : null;
    }

    // U+FDD0..U+FDEF and the last two code points of every plane: reserved by Unicode, never for exchange.
    private static bool IsNoncharacter(int value) => value is >= 0xFDD0 and <= 0xFDEF || (value & 0xFFFE) == 0xFFFE;

    private static Phrase Invalid(int value) => Phrase.Of("text.invalidCharacter", Code(value));

    private static string Code(int value) => $"U+{value:X4}";
}
