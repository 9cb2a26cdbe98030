using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;
using Obeya.Web.Language;

namespace Obeya.Web.Infrastructure;

/// <summary>
/// With the database away (stopped, crashed, restarting, unreachable, failing over to a standby), every request would fail the same way: that
/// is not the client's fault nor a bug, so it answers 503 with a problem in the caller's language and Retry-After instead of a 500.
/// Every write is safe to retry (see the README), so "try again in a few seconds" is the whole advice.
/// </summary>
public sealed partial class ProblemResponses
{
    private const int RetryAfterSeconds = 5;

    private const string NoPrimaryFound = "No suitable host was found.";

    /// <summary>
    /// True for the failures of a store that cannot be reached, wherever Marten or Polly wrapped them: a connection
    /// refused, reset or timed out, a server shutting down or starting up (SQLSTATE 57P*), a lost connection (08*).
    /// </summary>
    internal static bool IsStoreUnreachable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 25006: a standby answered a write (a failover under way, or Target Session Attributes not set).
                    return postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction;
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                    return true;
                // Several hosts, none of them a primary now (Target Session Attributes=primary): the old one is gone and
                // the standby not yet promoted, or not yet seen as promoted. Npgsql has no type of its own for it.
                case NpgsqlException { Message: NoPrimaryFound }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsStoreUnreachable):
                    return true;
            }
        }

        return false;
    }

    private async ValueTask<bool> TryHandleStoreUnreachableAsync(HttpContext context, Exception exception)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = Words.Say("api.storeUnreachableTitle"),
            Detail = Words.Say("api.storeUnreachable"),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
