namespace Obeya.Domain.Tests;

public class TextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void a_required_text_cannot_be_empty(string? value) =>
        FluentActions.Invoking(() => Text.Name("name", value))
            .Should().Throw<DomainException>().Where(e => e.Field == "name" && e.Refusal == Refusal.Invalid);

    [Fact]
    public void a_name_is_at_most_200_characters()
    {
        Text.Name("name", new string('a', 200)).Should().HaveLength(200);
        FluentActions.Invoking(() => Text.Name("name", new string('a', 201)))
            .Should().Throw<DomainException>().WithMessage("Maximaal 200 tekens*");
    }

    [Fact]
    public void a_free_text_is_at_most_4000_characters()
    {
        Text.Free("text", new string('a', 4000)).Should().HaveLength(4000);
        FluentActions.Invoking(() => Text.Free("text", new string('a', 4001))).Should().Throw<DomainException>();
    }

    [Fact]
    public void text_is_trimmed_and_an_empty_optional_text_is_null()
    {
        Text.Free("text", "  Terugmeldingen  ").Should().Be("Terugmeldingen");
        Text.Optional("note", "  ").Should().BeNull();
    }
}
