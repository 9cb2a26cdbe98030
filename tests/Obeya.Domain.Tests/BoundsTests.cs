using Obeya.Domain;

namespace Obeya.Domain.Tests;

public class BoundsTests
{
    [Theory]
    [InlineData("41.50", "41.5")]
    [InlineData("-1000000000", "-1000000000")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("7.10000", "7.1")]
    [InlineData("1.00000", "1")]
    public void a_number_within_range_and_four_decimals_is_kept_without_trailing_zeros(string written, string stored) =>
        Bounds.Number("value", decimal.Parse(written, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(stored);

    [Theory]
    // What a JSON reader makes of 1e-30: too small for a decimal, rounded to zero at 28 decimals.
    [InlineData("0.0000000000000000000000000000")]
    [InlineData("0.00000")]
    [InlineData("0.00001")]
    [InlineData("41.123456")]
    public void a_number_with_more_than_four_decimals_that_matter_or_a_zero_that_lost_them_is_refused(string written)
    {
        var number = () => Bounds.Number("value", decimal.Parse(written, System.Globalization.CultureInfo.InvariantCulture));

        number.Should().Throw<DomainException>().Where(e => e.Field == "value" && e.Message == "number.tooManyDecimals(4)");
    }
}
