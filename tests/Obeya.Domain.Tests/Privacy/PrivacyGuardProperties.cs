using CsCheck;
using Obeya.Domain.Privacy;
using static Obeya.Domain.Tests.Privacy.WrittenNumbers;

namespace Obeya.Domain.Tests.Privacy;

/// <summary>The guard by class: every way of writing a BSN is caught, and the ordinary numbers of a board pass.</summary>
public class PrivacyGuardProperties
{
    private const long Many = 2_000;

    [Fact]
    public void the_generated_bsns_pass_the_guards_elfproef() =>
        Bsn.Sample(bsn => PrivacyGuard.PassesElfproef(bsn).Should().BeTrue(), iter: Many);

    [Fact]
    public void a_bsn_is_found_however_it_is_written() =>
        Bsn.SelectMany(bsn => Written(bsn).Select(text => (bsn, text)))
            .Sample((bsn, text) => PrivacyGuard.FindBsn(text).Should().Be(bsn, "\"{0}\" holds it", Escaped(text)), iter: Many);

    [Fact]
    public void a_bsn_however_written_is_refused_in_any_board_text() =>
        Bsn.SelectMany(Written)
            .Sample(text => FluentActions.Invoking(() => Text.Free("learned", text)).Should().Throw<DomainException>()
                .Where(e => e.Field == "learned" && e.Says == PrivacyGuard.BsnRefusal), iter: Many);

    [Fact]
    public void nine_digits_failing_the_elfproef_pass_however_written() =>
        NineDigitsFailingTheElfproef.SelectMany(Written)
            .Sample(text => PrivacyGuard.FindBsn(text).Should().BeNull("\"{0}\" has no BSN", Escaped(text)), iter: Many);

    [Fact]
    public void dates_pass_and_are_no_phone_number() =>
        Dates.Sample(text =>
        {
            PrivacyGuard.FindBsn(text).Should().BeNull(text);
            PrivacyGuard.Warnings(text).Should().NotContain(PrivacyGuard.PhoneWarning, text);
        }, iter: Many);

    [Fact]
    public void an_amount_is_refused_only_when_its_nine_euro_digits_pass_the_elfproef() =>
        Amounts.Sample((text, euros) =>
            (PrivacyGuard.FindBsn(text) is not null).Should().Be(euros.Length == 9 && IsBsn(euros), Escaped(text)), iter: Many);

    [Fact]
    public void a_dutch_phone_number_is_warned_about_and_never_taken_for_a_bsn() =>
        PhoneNumbers.Sample(text =>
        {
            PrivacyGuard.FindBsn(text).Should().BeNull(Escaped(text));
            PrivacyGuard.Warnings(text).Should().Contain(PrivacyGuard.PhoneWarning, Escaped(text));
        }, iter: Many);

    [Fact]
    public void ten_or_more_digits_in_a_row_are_no_bsn() =>
        LongNumbers.Sample(text => PrivacyGuard.FindBsn(text).Should().BeNull(Escaped(text)), iter: Many);

    [Fact]
    public void an_iban_is_no_bsn() =>
        Ibans.Sample(text => PrivacyGuard.FindBsn(text).Should().BeNull(text), iter: Many);

    [Fact]
    public void an_email_address_is_warned_about_with_any_at_sign_and_invisible_characters_in_it() =>
        Gen.Select(Gen.OneOf("jan.jansen", "j.de-vries", "klant+post", "Info"), Gen.OneOf("@", "\uFF20", "\uFE6B"),
                Gen.OneOf("example.nl", "gemeente-voorbeeld.nl", "mail.example.com"), Gen.OneOf("", "\u200B", "\u00AD", "\u2060"),
                (local, at, domain, invisible) => $"mail {local}{invisible}{at}{invisible}{domain}")
            .Sample(text => PrivacyGuard.Warnings(text).Should().Contain(PrivacyGuard.EmailWarning, Escaped(text)));

    // Invisible characters in a failure message are shown by their code.
    private static string Escaped(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
