using Obeya.Domain.Privacy;

namespace Obeya.Domain;

/// <summary>The rules every piece of text on a board keeps: present, not too long, no client data.</summary>
public static class Text
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 4000;

    /// <summary>A short name or title: required, at most 200 characters, trimmed.</summary>
    public static string Name(string field, string? value) => Checked(field, value, NameMaxLength, required: true)!;

    /// <summary>A free text: required, at most 4,000 characters, trimmed.</summary>
    public static string Free(string field, string? value) => Checked(field, value, TextMaxLength, required: true)!;

    /// <summary>A free text that may be left empty (then null).</summary>
    public static string? Optional(string field, string? value, int maxLength = TextMaxLength) =>
        Checked(field, value, maxLength, required: false);

    private static string? Checked(string field, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return required ? throw new DomainException(field, "Dit veld is verplicht.") : null;
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException(field, $"Maximaal {maxLength} tekens; dit zijn er {trimmed.Length}.");
        }

        if (PrivacyGuard.FindBsn(trimmed) is not null)
        {
            throw new DomainException(field, PrivacyGuard.BsnRefusal);
        }

        return trimmed;
    }
}
