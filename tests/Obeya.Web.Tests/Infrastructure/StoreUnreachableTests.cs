using System.Net.Sockets;
using Marten.Exceptions;
using Npgsql;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Tests.Infrastructure;

/// <summary>Which failures mean "the store is away" (503, try again) rather than a bug (500) or a refusal (4xx).</summary>
public class StoreUnreachableTests
{
    public static TheoryData<string, Exception> Unreachable() => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "connection lost while reading", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "connecting timed out", new NpgsqlException("The operation has timed out", new TimeoutException()) },
        { "server shutting down", Postgres("57P01") },
        { "server starting up", Postgres("57P03") },
        { "connection failure", Postgres("08006") },
        { "wrapped by Marten", new MartenCommandException(new NpgsqlCommand("select 1"), new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "a broken connection used again", new NpgsqlException("The connection was previously broken", new NpgsqlException("Exception while writing to stream", new IOException())) },
        { "one of several", new AggregateException(new InvalidOperationException(), Postgres("57P02")) },
        { "several hosts, no primary among them (a failover under way)", new MartenCommandException(new NpgsqlCommand("insert"), new NpgsqlException("No suitable host was found.")) },
        { "a write that reached a standby", Postgres("25006") },
    };

    public static TheoryData<string, Exception> Reachable() => new()
    {
        { "a unique index", Postgres("23505") },
        { "a syntax error", Postgres("42601") },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "a unique index, wrapped by Marten", new MartenCommandException(new NpgsqlCommand("insert"), Postgres("23505")) },
        { "another Npgsql failure", new NpgsqlException("Unknown message code: 90") },
    };

    [Theory]
    [MemberData(nameof(Unreachable))]
    public void a_store_that_cannot_be_reached_is_recognised(string what, Exception exception) =>
        ProblemResponses.IsStoreUnreachable(exception).Should().BeTrue(what);

    [Theory]
    [MemberData(nameof(Reachable))]
    public void other_failures_are_not_taken_for_an_unreachable_store(string what, Exception exception) =>
        ProblemResponses.IsStoreUnreachable(exception).Should().BeFalse(what);

    private static PostgresException Postgres(string sqlState) => new("test", "FATAL", "FATAL", sqlState);
}
