using System.Text.Json;
using JasperFx.Events.Daemon;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Testing;
using Obeya.Web.Tests.Tracks;

namespace Obeya.Web.Tests.ScaleOut;

/// <summary>Two nodes on one PostgreSQL and one Redis, one of which the test stops: a fixture of its own.</summary>
public sealed class TwoNodesOneLeaves : IAsyncLifetime
{
    private readonly TwoNodes nodes = new();

    public ObeyaNode A => nodes.A;

    public ObeyaNode B => nodes.B;

    public Task InitializeAsync() => nodes.InitializeAsync();

    public Task DisposeAsync() => nodes.DisposeAsync();
}

public sealed class DaemonAcrossNodesTests(TwoNodesOneLeaves nodes) : IClassFixture<TwoNodesOneLeaves>
{
    private static int Agents(ObeyaNode node) =>
        node.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase().CurrentAgents().Count;

    [Fact]
    public async Task the_async_projections_run_on_one_node_and_move_to_the_other_when_it_stops()
    {
        await Eventually.Holds(() => Agents(nodes.A) + Agents(nodes.B) > 0, "one node took the daemon's lock");
        await Task.Delay(2500);
        (Agents(nodes.A) == 0 || Agents(nodes.B) == 0).Should().BeTrue("the daemon runs on one node at a time");
        var (leader, other) = Agents(nodes.A) > 0 ? (nodes.A, nodes.B) : (nodes.B, nodes.A);

        // Written and read through the node that does not run the daemon: its read waits for the leader's work.
        var before = await Board.StartAsync(other);
        (await AuditBoards(other, before.TeamId)).Should().Contain("Kwaliteit van het klantgesprek");

        await leader.DisposeAsync();
        var board = await Board.StartAsync(other);
        (await board.Put("/title", new { title = "Na de overname" })).EnsureSuccessStatusCode();

        (await AuditBoards(other, board.TeamId)).Should().Contain("Na de overname", "the other node took the projections over and brought them up to date");
        Agents(other).Should().BeGreaterThan(0);
    }

    /// <summary>The boards the team's audit trail can be filtered on: its tracks by their titles, from the async projection.</summary>
    private static async Task<IReadOnlyList<string>> AuditBoards(ObeyaNode node, Guid teamId)
    {
        var reader = node.Services.GetRequiredService<Obeya.Web.Audit.AuditReader>();
        var slice = await reader.Page(teamId, new Domain.Audit.AuditFilter(), null, 10, CancellationToken.None);
        return slice.Boards;
    }
}
