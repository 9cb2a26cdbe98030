namespace Obeya.Testing;

public static class Unique
{
    /// <summary>
    /// A unique name of letters only: hex digits would now and then hold nine digits that pass the elfproef,
    /// which the privacy guard rightly refuses as a BSN.
    /// </summary>
    public static string Name(string prefix) =>
        $"{prefix} {string.Concat(Guid.NewGuid().ToString("N")[..12].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))))}";

    /// <summary>
    /// Thirty-two random letters for an e-mail's local part: no run of digits, which nine at a time could pass the
    /// elfproef and be refused as a BSN.
    /// </summary>
    public static string Letters() => new([.. Guid.NewGuid().ToString("N").Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c)]);
}
