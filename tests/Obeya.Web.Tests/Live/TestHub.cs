using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Obeya.Testing;
using Obeya.Web.Infrastructure;

namespace Obeya.Web.Tests.Live;

/// <summary>A connection to the board hub of the test server, as a browser makes it (with its cookie, or none for a wall screen).</summary>
public static class TestHub
{
    /// <param name="cookie">The sign-in cookie ("obeya.auth=..."); null for nobody signed in.</param>
    public static HubConnection Connection(ObeyaApp app, string? cookie = null) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "hubs/boards"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                // The test server's WebSocket client sends no headers of its own.
                options.WebSocketFactory = async (context, ct) =>
                {
                    var client = app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request =>
                    {
                        if (cookie is not null)
                        {
                            request.Headers.Cookie = cookie;
                        }
                    };
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .AddJsonProtocol(options => ObeyaApi.Configure(options.PayloadSerializerOptions))
            .Build();
}
