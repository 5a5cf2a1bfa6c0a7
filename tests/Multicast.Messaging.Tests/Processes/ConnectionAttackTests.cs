using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Multicast.Messaging.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Processes;

/// <summary>A server process starved of connections: silent sockets filling the cap, a header that never ends.</summary>
public sealed class ConnectionAttackTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mcast-conn-").FullName;

    [NetworkFact]
    public async Task Silent_connections_filling_the_cap_make_room_and_a_real_client_gets_in()
    {
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, "--evict-idle-after", "0.2");
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        var silent = new List<Socket>();
        try
        {
            // 1,030 silent sockets from 20 source addresses, each under the per-source cap: only the global cap of 1,024 holds them
            for (var i = 0; i < 1030; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                silent.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{2 + (i % 20)}"), 0));
                await socket.ConnectAsync(endpoint).Within("a silent connect");
            }

            await server.Error.WaitForLineAsync("the most allowed");

            await using var client = SampleProcess.Start("client", "--host", "127.0.0.1", "--port", Text(port), "--discovery-port", Text(TestPorts.Next()));
            Assert.True(await client.WaitForExitAsync(TimeSpan.FromSeconds(30)) == 0, client.Transcript);
            await client.Output.WaitForLineAsync("echo: hello from the client");
            await server.Error.WaitForLineAsync("Dropped the connection of");
        }
        finally
        {
            foreach (var socket in silent)
            {
                socket.Dispose();
            }
        }
    }

    [NetworkFact]
    public async Task A_connection_stuck_in_the_middle_of_a_header_is_dropped_by_the_header_timeout_and_a_quiet_one_is_not()
    {
        var port = TestPorts.Next();
        await using var server = await StartServerAsync(port, "--header-timeout", "0.3");
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);
        await using var quiet = await RawPeer.ConnectAsync(endpoint);
        await using var stuck = await RawPeer.ConnectAsync(endpoint);

        // a 2-byte length announcing 200 header bytes, then only the first of them
        await stuck.SendAsync([0, 200, (byte)'{']);

        Assert.True(await stuck.WaitForCloseAsync(TimeSpan.FromSeconds(5)), "the stuck connection must be dropped");
        await server.Error.WaitForLineAsync("header timeout");
        Assert.True(quiet.IsOpen, "a connection between frames is not in a header: only the idle timeout (off by default) ends it");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task<ToolProcess> StartServerAsync(int port, params string[] extra)
    {
        var server = SampleProcess.Start(["serve", "--port", Text(port), "--root", _root, "--discovery-port", Text(TestPorts.Next()), .. extra]);
        await server.Output.WaitForLineAsync("listening on", TimeSpan.FromSeconds(30));
        return server;
    }
}
