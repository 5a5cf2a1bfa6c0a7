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

        await using var python = StartPython("client", loop.Server.LocalEndPoint.Port);
        var exitCode = await python.WaitForExitAsync();
        var output = python.Output.Text;

        Assert.True(exitCode == 0, python.Transcript);
        Assert.Equal("1700000000.0", await started.Task.Within("the start action"));
        Assert.Equal("response echo 0042 \"hi\"", output.Trim());
    }

    [NetworkFact]
    public async Task Our_client_drives_a_python_server()
    {
        var port = TestPorts.Next();
        await using var python = StartPython("server", port);
        await python.Output.WaitForLineAsync("ready");
        await using var loop = new Loopback();
        var client = await loop.ConnectAsync(endpoint: new IPEndPoint(IPAddress.Loopback, port));

        var id = await client.Connection.RequestAsync("id").Within("the id request");
        var echo = await client.Connection.RequestAsync("echo", ["зелёный"]).Within("the echo request");
        await client.Connection.SendMessageAsync("led_fill", ["red"], new Dictionary<string, object?> { ["delay"] = 0.5 });
        await python.Output.WaitForAsync(_ => python.Output.Lines.Count >= 4, "three lines after ready");
        var lines = python.Output.Lines.Skip(1).Take(3).ToList();

        Assert.Equal("py-copter", id.GetString());
        Assert.Equal("зелёный", echo.GetString());
        Assert.Equal(["answered id 1", "answered echo 2", "action led_fill [\"red\"] {\"delay\": 0.5}"], lines);
    }

    private static ToolProcess StartPython(string mode, int port) =>
        ToolProcess.StartProgram(
            "python3",
            [Path.Combine(AppContext.BaseDirectory, "PythonPeer", "peer.py"), mode, port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { ["PYTHONIOENCODING"] = "utf-8" });
}
