using Obeya.Web.Audit;

namespace Obeya.Web.Tests.Audit;

/// <summary>What Excel would run or split is defused cell by cell; plain text is left alone.</summary>
public class AuditCsvTests
{
    [Theory]
    [InlineData("Emmy", "Emmy")]
    [InlineData("Cliënt één", "Cliënt één")]
    [InlineData("=SOM(A1:A9)", "'=SOM(A1:A9)")]
    [InlineData("+31 6", "'+31 6")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@Kwaad", "'@Kwaad")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("a;b", "\"a;b\"")]
    [InlineData("zei \"nee\"", "\"zei \"\"nee\"\"\"")]
    [InlineData("=HYPERLINK(\"x\";\"y\")", "\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\"")]
    [InlineData("twee\nregels", "\"twee\nregels\"")]
    [InlineData("", "")]
    public void a_cell_is_written_as_text(string value, string written) => AuditCsv.Cell(value).Should().Be(written);
}
