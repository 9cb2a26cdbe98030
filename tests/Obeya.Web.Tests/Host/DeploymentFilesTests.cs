using System.Diagnostics;
using Obeya.Testing;

namespace Obeya.Web.Tests.Host;

/// <summary>
/// The deployment files an operator copies (deploy/). The nginx proxy settings are run by the test behind nginx
/// (ScaleOut); the systemd unit cannot run here (systemd is not PID 1), so systemd's own checker reads it.
/// </summary>
public sealed class DeploymentFilesTests
{
    [Fact]
    public async Task systemd_finds_nothing_wrong_with_the_unit()
    {
        var unit = RepoFiles.Find("deploy/systemd/obeya.service");
        var verify = Process.Start(new ProcessStartInfo("systemd-analyze", ["verify", unit])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var complaints = await verify.StandardError.ReadToEndAsync() + await verify.StandardOutput.ReadToEndAsync();
        await verify.WaitForExitAsync();

        verify.ExitCode.Should().Be(0);
        complaints.Should().BeEmpty("systemd-analyze verify prints every directive it cannot read");
    }

    [Fact]
    public void the_unit_stops_a_node_as_obeya_expects_and_restarts_it_when_it_fails()
    {
        var unit = File.ReadAllLines(RepoFiles.Find("deploy/systemd/obeya.service"));

        // SIGTERM lets Obeya close its live connections (the screens move to another node) and end running requests.
        unit.Should().Contain("KillSignal=SIGTERM").And.Contain("Restart=on-failure");
        unit.Should().ContainMatch("ExecStart=/usr/bin/dotnet /opt/obeya/Obeya.Web.dll --urls ${OBEYA_URLS}");
    }
}
