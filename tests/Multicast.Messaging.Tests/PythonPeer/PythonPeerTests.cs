using System.Diagnostics;
using System.Net;
using Multicast.Messaging.Tests.Connections;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.PythonPeer;

/// <summary>
/// Interop with a Python peer of the protocol (PythonPeer/peer.py, written from peers.md B.2): it
/// drives our server, and our client drives it.
/// </summary>
public class PythonPeerTests
{
    [NetworkFact]
    public async Task A_python_client_drives_our_server()
    {
        var started = new TaskCompletionSource<string>();
        var router = new MessageRouter()
            .MapAction("start", (_, a) => started.TrySetResult(a.Get<string>("time")))
            .MapRequest("echo", (_, a) => a.Args[0]);
        await using var loop = new Loopback();
        await loop.StartServerAsync(router);

        using var python = StartPython("client", loop.Server.LocalEndPoint.Port);
        var output = await python.StandardOutput.ReadToEndAsync().Within("the python client");
        await python.WaitForExitAsync().Within("python to exit");

        Assert.Equal(0, python.ExitCode);
        Assert.Equal("1700000000.0", await started.Task.Within("the start action"));
        Assert.Equal("response echo 0042 \"hi\"", output.Trim());
    }

    [NetworkFact]
    public async Task Our_client_drives_a_python_server()
    {
        var port = TestPorts.Next();
        using var python = StartPython("server", port);
        try
        {
            Assert.Equal("ready", await python.StandardOutput.ReadLineAsync().Within("python to listen"));
            await using var loop = new Loopback();
            var client = await loop.ConnectAsync(endpoint: new IPEndPoint(IPAddress.Loopback, port));

            var id = await client.Connection.RequestAsync("id").Within("the id request");
            var echo = await client.Connection.RequestAsync("echo", ["зелёный"]).Within("the echo request");
            await client.Connection.SendMessageAsync("led_fill", ["red"], new Dictionary<string, object?> { ["delay"] = 0.5 });
            var lines = new List<string>();
            while (lines.Count < 3)
            {
                lines.Add((await python.StandardOutput.ReadLineAsync().Within("python's output"))!);
            }

            Assert.Equal("py-copter", id.GetString());
            Assert.Equal("зелёный", echo.GetString());
            Assert.Equal(["answered id 1", "answered echo 2", "action led_fill [\"red\"] {\"delay\": 0.5}"], lines);
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }

            await python.WaitForExitAsync().Within("python to be reaped");
        }
    }

    private static Process StartPython(string mode, int port)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PythonPeer", "peer.py"));
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        return Process.Start(start)!;
    }
}
