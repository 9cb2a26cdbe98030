using System.Net;
using System.Net.Sockets;

namespace Obeya.Testing;

/// <summary>Ports for the servers a test starts of its own (Redis, nginx).</summary>
public static class TestPorts
{
    /// <summary>A port free on the loopback address now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits, up to five seconds, until something listens on <paramref name="port"/>; false if it never does.</summary>
    public static async Task<bool> Answers(int port, Func<bool>? gaveUp = null)
    {
        for (var i = 0; i < 100 && gaveUp?.Invoke() != true; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }
}
