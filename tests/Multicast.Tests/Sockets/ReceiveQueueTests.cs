using Multicast.TestSupport;

namespace Multicast.Tests.Sockets;

/// <summary>The receive queue a server and a listener ask for is the one the kernel applies, past rmem_max where the process may.</summary>
public sealed class ReceiveQueueTests
{
    private const int Asked = 8 * 1024 * 1024;

    [NetworkFact]
    public void A_server_gets_the_queue_it_asks_for_even_past_rmem_max()
    {
        using var server = new McastServer("239.7.15.1", TestPorts.Next(), new HearUdpHandler(), new McastServerOptions { ReceiveQueueBytes = Asked });
        server.BindAndActivate();

        AssertQueue(server.Socket!.ReceiveBufferSize);
    }

    [NetworkFact]
    public void A_listener_gets_the_same_queue_by_default()
    {
        using var listener = new McastListener(new McastListenOptions { Groups = ["239.7.15.2"], Port = TestPorts.Next() });

        AssertQueue(listener.Socket.ReceiveBufferSize);
    }

    /// <summary>
    /// Linux reports the queue doubled (its bookkeeping share). A privileged process (root, or root of
    /// the namespace's own user namespace) gets all of it; another one at least what rmem_max allows.
    /// </summary>
    private static void AssertQueue(int reported)
    {
        var rmemMax = int.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(
            Environment.IsPrivilegedProcess ? reported == 2 * Asked : reported >= 2 * Math.Min(Asked, rmemMax),
            $"queue {reported} bytes for {Asked} asked (rmem_max {rmemMax}, privileged {Environment.IsPrivilegedProcess})");
    }
}
