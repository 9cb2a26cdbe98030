using System.Net;
using System.Net.Sockets;

namespace Obeya.Browser.Tests;

/// <summary>
/// A TCP relay between a browser and the server that a test can cut, as a pulled cable or a sleeping Wi-Fi would:
/// open connections are reset and new ones refused until it is restored. Chromium's offline emulation leaves open
/// WebSockets alone, so it cannot show a board losing its live connection; this can.
/// </summary>
public sealed class NetworkCut : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile bool cut;

    public NetworkCut(string targetUrl)
    {
        target = new Uri(targetUrl);
        listener.Start();
        accepting = Accept();
    }

    /// <summary>The address to open pages on: the server, through this relay.</summary>
    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";

    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
                client.Close();
            }

            open.Clear();
        }
    }

    public void Restore() => cut = false;

    private async Task Accept()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (cut)
            {
                incoming.Client.LingerState = new LingerOption(true, 0);
                incoming.Close();
                continue;
            }

            _ = Relay(incoming);
        }
    }

    private async Task Relay(TcpClient incoming)
    {
        using var outgoing = new TcpClient();
        try
        {
            await outgoing.ConnectAsync(target.Host, target.Port, stopping.Token);
            lock (open)
            {
                open.Add(incoming);
                open.Add(outgoing);
            }

            var a = incoming.GetStream();
            var b = outgoing.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stopping.Token), b.CopyToAsync(a, stopping.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut or a closed side ends the relay; the other side is closed below.
        }
        finally
        {
            lock (open)
            {
                open.Remove(incoming);
                open.Remove(outgoing);
            }

            incoming.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        await accepting;
        stopping.Dispose();
    }
}
