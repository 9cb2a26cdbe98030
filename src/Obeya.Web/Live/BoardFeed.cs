using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.SignalR.Client;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Live;

/// <summary>
/// A screen's connection to the live channel, one per Blazor circuit. Screens use the same hub as every other
/// client, so a change made through the API, on another screen or (with a backplane) on another node reaches them.
/// </summary>
public sealed class BoardFeed(
    NavigationManager navigation, IConfiguration configuration, AuthenticationStateProvider authentication, LiveTickets tickets,
    ILoggerFactory loggerFactory, ILogger<BoardFeed> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<BoardChange, Task>> watchers = new();
    private readonly SemaphoreSlim starting = new(1, 1);
    private HubConnection? connection;

    /// <summary>Raised after the connection came back and the boards were joined again: time to catch up.</summary>
    public event Func<Task>? Reconnected;

    public async Task Watch(string board, Func<BoardChange, Task> onChange)
    {
        var hub = await Connected();
        watchers[board] = onChange;
        await hub.InvokeAsync(nameof(BoardHub.Join), board);
    }

    public async Task<CatchUp> Since(string board, long afterSequence) =>
        await (await Connected()).InvokeAsync<CatchUp>(nameof(BoardHub.Since), board, afterSequence);

    private async Task<HubConnection> Connected()
    {
        await starting.WaitAsync();
        try
        {
            if (connection is null)
            {
                // The hub of this very server, as the browser reaches it, unless configured otherwise.
                var url = new Uri(new Uri(configuration["Obeya:LiveUrl"] ?? navigation.BaseUri), "hubs/boards");
                connection = new HubConnectionBuilder()
                    // As whoever signed in to this circuit: the hub lets them join only the boards they may read.
                    .WithUrl(url, options => options.AccessTokenProvider = async () =>
                        tickets.Issue((await authentication.GetAuthenticationStateAsync()).User))
                    .WithAutomaticReconnect(new KeepTrying())
                    .AddJsonProtocol(options => ObeyaApi.Configure(options.PayloadSerializerOptions))
                    .ConfigureLogging(logging => logging.AddProvider(new SharedLoggers(loggerFactory)))
                    .Build();
                connection.On<BoardChange>("changed", change =>
                    watchers.TryGetValue(change.Board, out var watcher) ? watcher(change) : Task.CompletedTask);
                connection.Reconnected += async _ =>
                {
                    foreach (var board in watchers.Keys)
                    {
                        await connection.InvokeAsync(nameof(BoardHub.Join), board);
                    }

                    if (Reconnected is { } reconnected)
                    {
                        await reconnected();
                    }
                };
                await connection.StartAsync();
            }

            return connection;
        }
        finally
        {
            starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogDebug(e, "Closing the live connection of a circuit failed");
            }
        }

        starting.Dispose();
    }

    /// <summary>A wall screen stays up for months: keep retrying, at most every ten seconds.</summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            TimeSpan.FromSeconds(Math.Min(10, 0.5 * Math.Pow(2, Math.Min(context.PreviousRetryCount, 5))));
    }

    /// <summary>The host's loggers for the client connection, so a failing push handler is seen in the host's log.</summary>
    private sealed class SharedLoggers(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

        public void Dispose()
        {
            // The host owns the factory.
        }
    }
}
