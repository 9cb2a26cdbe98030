using Obeya.Domain;
using Obeya.Domain.Privacy;

namespace Obeya.Domain.Tests.Privacy;

public class PrivacyGuardTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("Klant 111.222.333 belde")]
    [InlineData("bsn 111 22 2333")]
    [InlineData("123456782")]
    [InlineData("BSN-111222333")]
    [InlineData("klantnr.111222333")]
    [InlineData("bsn111222333")]
    [InlineData("111\u00A0222\u00A0333")] // non-breaking spaces, as Word pastes them
    [InlineData("111\u202F222\u202F333")] // narrow non-breaking spaces, as Outlook pastes them
    [InlineData("111  222  333")]
    [InlineData("111 - 222 - 333")]
    [InlineData("111/222/333")]
    [InlineData("111_222_333")]
    [InlineData("111\u2013222\u2013333")]
    [InlineData("111\r\n222\r\n333")]
    [InlineData("1\u200B1\u200B1\u200B222333")]
    [InlineData("\uFF11\uFF11\uFF11\uFF12\uFF12\uFF12\uFF13\uFF13\uFF13")] // full-width
    [InlineData("\u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663")] // Arabic-Indic
    [InlineData("\u0967\u0967\u0967\u0968\u0968\u0968\u0969\u0969\u0969")] // Devanagari
    [InlineData("Klant 111222333 3 keer gebeld")] // a count after it does not make it a ten-digit number
    [InlineData("111222333 / 06-12345678")]
    [InlineData("Klant 1 - 111222333 belde")] // nor a list number before it
    [InlineData("111222333 12-03-2026")]
    public void a_number_passing_the_elfproef_is_found_as_a_bsn(string text) =>
        PrivacyGuard.FindBsn(text).Should().Be(text.Contains("123456782") ? "123456782" : "111222333");

    [Theory]
    [InlineData("€ 123.456.782")]
    [InlineData("€ 123.456.782,00")]
    [InlineData("EUR 123 456 782")]
    public void a_nine_digit_amount_that_passes_the_elfproef_is_refused_because_a_bsn_is_written_the_same_way(string text) =>
        PrivacyGuard.FindBsn(text).Should().Be("123456782");

    [Theory]
    [InlineData("123456789")] // fails the elfproef
    [InlineData("000000000")] // sums to zero
    [InlineData("11122233")] // eight digits
    [InlineData("1112223334")] // part of a longer number
    [InlineData("43% van 120 klanten")]
    [InlineData("Op 12-03-2026 5 klanten teruggemeld")] // 120320265 passes the elfproef, but it is a date and a count
    [InlineData("2026-03-10 6 klanten")]
    [InlineData("+31 6 12345671")] // 612345671 passes the elfproef, but it is a mobile number
    [InlineData("+31 (0)20 123 4567")]
    [InlineData("0031 20 1234567")]
    [InlineData("€ 1.234.567.892")] // 234567892 passes, but thousands grouped throughout read as one number
    [InlineData("12 345 678 904")]
    [InlineData("€ 1.234.567,82")] // the comma starts the cents
    [InlineData("NL91 ABNA 0417 1643 00")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("\uFF11\uFF11\uFF11\uFF12\uFF12\uFF12\uFF13\uFF13\uFF13\uFF14")] // ten full-width digits
    public void other_numbers_are_not_a_bsn(string text) =>
        PrivacyGuard.FindBsn(text).Should().BeNull();

    [Fact]
    public void a_lone_surrogate_does_not_stop_the_guard() =>
        PrivacyGuard.FindBsn("\uD800 111222333").Should().Be("111222333");

    [Fact]
    public void a_bsn_in_any_board_text_is_refused_naming_the_field()
    {
        var act = () => Text.Free("learned", "Bij klant 111222333 ging het mis");

        act.Should().Throw<DomainException>()
            .Where(e => e.Field == "learned" && e.Says == PrivacyGuard.BsnRefusal);
    }

    [Theory]
    [InlineData("mail jan.jansen@example.nl", "privacy.emailWarning")]
    [InlineData("bel 06-12345678", "privacy.phoneWarning")]
    [InlineData("bel +31 6 12345678", "privacy.phoneWarning")]
    [InlineData("bel 020 123 4567", "privacy.phoneWarning")]
    [InlineData("mail jan.jansen\uFF20example.nl", "privacy.emailWarning")]
    [InlineData("mail jan.jansen@\u200Bexample.nl", "privacy.emailWarning")]
    [InlineData("bel 06\u00A012\u00A034\u00A056\u00A078", "privacy.phoneWarning")]
    [InlineData("bel \uFF10\uFF16-\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18", "privacy.phoneWarning")]
    [InlineData("bel (020) 123 45 67", "privacy.phoneWarning")]
    public void contact_details_are_warned_about(string text, string warning) =>
        PrivacyGuard.Warnings(text).Select(w => w.Key).Should().Contain(warning);

    [Theory]
    [InlineData("43% van de klanten wordt binnen 3 maanden teruggemeld")]
    [InlineData("Sessie 01-02-2026 12:00")] // a date and a time have the shape of a phone number
    public void plain_text_has_no_warnings(string text) =>
        PrivacyGuard.Warnings(text).Should().BeEmpty();
}
