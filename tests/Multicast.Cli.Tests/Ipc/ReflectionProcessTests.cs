using System.Net;
using System.Net.Sockets;
using System.Text;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>
/// The reflection attack against the HEAR process: an attacker host forges the address of a victim
/// host; the echo lands on the victim unless HEAR runs with <c>--echo-link-only</c>.
/// </summary>
public sealed class ReflectionProcessTests
{
    [NetworkTheory]
    [InlineData(false, "239.7.13.1")]
    [InlineData(true, "239.7.13.2")]
    public async Task A_forged_source_is_reflected_by_the_hear_process_unless_it_echoes_on_link_only(bool linkOnly, string group)
    {
        using var attacker = new SecondHost();
        using var victim = new SecondHost();
        var port = TestPorts.Next();
        var victimPort = TestPorts.Next();
        using var victimSocket = victim.Run(() => Bound(victimPort));
        using var raw = attacker.Run(ForgedDatagram.OpenRaw);
        using var honest = attacker.Run(() => Bound(0));
        var target = new IPEndPoint(IPAddress.Parse(group), port);
        string[] hardening = linkOnly ? ["--echo-link-only"] : [];
        await using var server = Tool.Start(["--daemon", "HEAR", "--group", group, "--port", $"{port}", "--iface", attacker.LinkName, .. hardening]);
        await AnsweredAsync(honest, target, "probe", ToolProcess.StartupDeadline);

        ForgedDatagram.Send(raw, new IPEndPoint(IPAddress.Parse(victim.RemoteV4), victimPort), target, "x"u8);
        // the honest sender's echo, after the forgery's: the forgery has been handled by then
        await AnsweredAsync(honest, target, "honest", Deadline.Default);

        if (linkOnly)
        {
            Assert.Equal(0, victimSocket.Available);
        }
        else
        {
            Assert.Equal($"HEAR [ X SAID ('{victim.RemoteV4}', {victimPort}) ] from {group}", await ReceiveAsync(victimSocket, Deadline.Default));
        }

        honest.SendTo("STOP"u8.ToArray(), target);
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    private static Socket Bound(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Any, port));
        return socket;
    }

    /// <summary>Sends <paramref name="text"/> again and again until its echo comes back (a server process may still be starting).</summary>
    private static async Task AnsweredAsync(Socket socket, IPEndPoint target, string text, TimeSpan within)
    {
        var wanted = $"HEAR [ {text.ToUpperInvariant()} SAID";
        using var deadline = Deadline.Start(within);
        while (true)
        {
            socket.SendTo(Encoding.UTF8.GetBytes(text), target);
            try
            {
                while (!(await ReceiveAsync(socket, TimeSpan.FromMilliseconds(200))).StartsWith(wanted, StringComparison.Ordinal))
                {
                    // an earlier probe's echo
                }

                return;
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                // not answering yet: say it again
            }
        }
    }

    private static async Task<string> ReceiveAsync(Socket socket, TimeSpan within)
    {
        var buffer = new byte[2048];
        using var wait = new CancellationTokenSource(within);
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }
}
