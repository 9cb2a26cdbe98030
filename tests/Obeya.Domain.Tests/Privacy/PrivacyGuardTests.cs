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
    public void a_number_passing_the_elfproef_is_found_as_a_bsn(string text) =>
        PrivacyGuard.FindBsn(text).Should().NotBeNull();

    [Theory]
    [InlineData("123456789")] // fails the elfproef
    [InlineData("000000000")] // sums to zero
    [InlineData("11122233")] // eight digits
    [InlineData("1112223334")] // part of a longer number
    [InlineData("43% van 120 klanten")]
    public void other_numbers_are_not_a_bsn(string text) =>
        PrivacyGuard.FindBsn(text).Should().BeNull();

    [Fact]
    public void a_bsn_in_any_board_text_is_refused_naming_the_field()
    {
        var act = () => Text.Free("learned", "Bij klant 111222333 ging het mis");

        act.Should().Throw<DomainException>()
            .Where(e => e.Field == "learned" && e.Message.Contains("burgerservicenummer"));
    }

    [Theory]
    [InlineData("mail jan.jansen@example.nl", PrivacyGuard.EmailWarning)]
    [InlineData("bel 06-12345678", PrivacyGuard.PhoneWarning)]
    [InlineData("bel +31 6 12345678", PrivacyGuard.PhoneWarning)]
    [InlineData("bel 020 123 4567", PrivacyGuard.PhoneWarning)]
    public void contact_details_are_warned_about(string text, string warning) =>
        PrivacyGuard.Warnings(text).Should().Contain(warning);

    [Fact]
    public void plain_text_has_no_warnings() =>
        PrivacyGuard.Warnings("43% van de klanten wordt binnen 3 maanden teruggemeld").Should().BeEmpty();
}
