using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Obeya.Web.WallScreens;

/// <summary>
/// The secret in a wall screen's link: 32 random bytes as base64url without padding (43 characters, safe in a path).
/// Only its SHA-256 is stored, and a link is checked by looking that hash up, so the token itself is never kept
/// or logged and a copy of the database cannot open a wall.
/// </summary>
public static class WallTokens
{
    private const int Bytes = 32;

    /// <summary>The length of base64url without padding for 32 bytes.</summary>
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Lower-case hex SHA-256 of the token's characters.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>The hash to look a link's token up by; null for what cannot be a token, which is not looked up at all.</summary>
    public static string? HashOf(string? token) => IsWellFormed(token) ? Hash(token!) : null;

    /// <summary>Whether the text could be a token at all: anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
