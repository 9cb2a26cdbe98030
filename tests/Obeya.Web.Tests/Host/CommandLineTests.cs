using Microsoft.Extensions.Configuration;

namespace Obeya.Web.Tests.Host;

public class CommandLineTests
{
    [Fact]
    public void no_demo_switches_the_demo_data_off_and_other_arguments_pass_through()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(ObeyaCommandLine.Normalize(["--urls", "http://localhost:5080", "--no-demo"]))
            .Build();

        configuration.GetValue<bool>("Obeya:Demo", defaultValue: true).Should().BeFalse();
        configuration["urls"].Should().Be("http://localhost:5080");
    }
}
