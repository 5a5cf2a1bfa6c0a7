using System.Net;
using Microsoft.Extensions.Time.Testing;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

/// <summary>The HEAR handler's opt-in hardening, between real sockets; the defaults stay Python's.</summary>
public sealed class HearHardeningTests
{
    [NetworkFact]
    public async Task Without_echo_nothing_is_answered_and_a_stop_still_stops()
    {
        var port = TestPorts.Next();
        using var handler = new HearUdpHandler(options: new HearOptions { Echo = false });
        using var server = Started(new McastServer("239.7.10.1", port, handler));
        var serving = server.ServeForeverAsync();
        using var peer = new UdpPeer();

        peer.Send("239.7.10.1", port, "hello");
        peer.Send("239.7.10.1", port, "STOP");

        await serving.Within("the server to stop on STOP");
        Assert.Equal(0, peer.Socket.Available);
    }

    [NetworkFact]
    public async Task Without_remote_stop_a_stop_is_echoed_and_the_server_goes_on()
    {
        var port = TestPorts.Next();
        using var handler = new HearUdpHandler(options: new HearOptions { RemoteStop = false });
        await using var running = RunningServer.Start(new McastServer("239.7.10.2", port, handler));
        using var peer = new UdpPeer();

        peer.Send("239.7.10.2", port, "STOP");
        Assert.StartsWith("HEAR [ STOP SAID", await peer.ReceiveTextAsync());
        peer.Send("239.7.10.2", port, "still there");
        Assert.StartsWith("HEAR [ STILL THERE SAID", await peer.ReceiveTextAsync());

        Assert.False(running.Serving.IsCompleted);
    }

    [NetworkFact]
    public async Task With_a_stop_key_only_a_fresh_stop_signed_with_it_stops_the_server()
    {
        var port = TestPorts.Next();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new RecordingLogger();
        using var handler = new HearUdpHandler(log.AsFactory(), options: new HearOptions { StopKey = "s3cret", TimeProvider = clock });
        using var server = Started(new McastServer("239.7.10.3", port, handler));
        var serving = server.ServeForeverAsync();
        using var peer = new UdpPeer();
        var stale = new FakeTimeProvider(clock.GetUtcNow() - TimeSpan.FromSeconds(31));

        foreach (var refused in new[] { "STOP", AuthenticatedStop.Sign("STOP", "guess"), AuthenticatedStop.Sign("STOP", "s3cret", stale) })
        {
            peer.Send("239.7.10.3", port, refused);
            Assert.StartsWith("HEAR [ STOP", await peer.ReceiveTextAsync());
        }

        Assert.False(serving.IsCompleted);
        peer.Send("239.7.10.3", port, AuthenticatedStop.Sign("STOP", "s3cret", clock));
        await serving.Within("the signed STOP to stop the server");
        Assert.Equal(
            ["not signed with the STOP key", "not signed with the STOP key", "signed 31 s ago (the window is 30 s)"],
            log.Warnings.Where(w => w.StartsWith("Ignored a STOP", StringComparison.Ordinal)).Select(w => w[(w.IndexOf(": ", StringComparison.Ordinal) + 2)..]));
    }

    [NetworkFact]
    public async Task A_stop_whose_echo_cannot_be_sent_still_stops_the_server_and_the_failure_is_logged_with_its_size()
    {
        var port = TestPorts.Next();
        var log = new RecordingLogger();
        using var handler = new HearUdpHandler(log.AsFactory());
        using var server = Started(new McastServer("239.7.10.4", port, handler));
        var serving = server.ServeForeverAsync();
        using var peer = new UdpPeer();
        // the largest datagram IPv4 carries: its echo, some 60 bytes longer, cannot be sent
        var payload = new string('a', 65_507 - 4) + "STOP";

        peer.Send("239.7.10.4", port, payload);

        await serving.Within("the oversized STOP to stop the server");
        var echoBytes = System.Text.Encoding.UTF8.GetByteCount(HearUdpHandler.FormatEcho(payload, new IPEndPoint(IPAddress.Parse(IsolatedNetwork.InterfaceV4), peer.Port), IPAddress.Parse("239.7.10.4")));
        Assert.Contains(log.Warnings, w => w.StartsWith($"Could not send the {echoBytes}-byte echo to ", StringComparison.Ordinal));
    }

    [NetworkFact]
    public async Task The_echo_rate_caps_echoes_per_sender_and_refills_with_time()
    {
        var port = TestPorts.Next();
        var clock = new FakeTimeProvider();
        var log = new RecordingLogger();
        using var handler = new HearUdpHandler(log.AsFactory(), options: new HearOptions { EchoRate = 2, TimeProvider = clock });
        await using var running = RunningServer.Start(new McastServer("239.7.10.5", port, handler));
        using var flooder = new UdpPeer();

        for (var i = 0; i < 5; i++)
        {
            flooder.Send("239.7.10.5", port, $"flood {i}");
        }

        await Eventually.UntilAsync(() => log.Entries.Count(e => e.Message.EndsWith(": the sender's echo rate is used up", StringComparison.Ordinal)) == 3, "three echoes refused");
        Assert.StartsWith("HEAR [ FLOOD 0 SAID", await flooder.ReceiveTextAsync());
        Assert.StartsWith("HEAR [ FLOOD 1 SAID", await flooder.ReceiveTextAsync());
        Assert.Equal(0, flooder.Socket.Available);

        clock.Advance(TimeSpan.FromSeconds(1));
        flooder.Send("239.7.10.5", port, "later");
        Assert.StartsWith("HEAR [ LATER SAID", await flooder.ReceiveTextAsync());
    }

    [Fact]
    public void Invalid_hardening_options_are_refused_with_what_was_wrong()
    {
        Assert.Contains("at least 1 per second, not 0", Assert.Throws<ArgumentException>(() => new HearUdpHandler(options: new HearOptions { EchoRate = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("must not be empty", Assert.Throws<ArgumentException>(() => new HearUdpHandler(options: new HearOptions { StopKey = string.Empty })).Message, StringComparison.Ordinal);
        Assert.Contains("must be positive", Assert.Throws<ArgumentException>(() => new HearUdpHandler(options: new HearOptions { StopFreshness = TimeSpan.Zero })).Message, StringComparison.Ordinal);
    }

    private static McastServer Started(McastServer server)
    {
        server.BindAndActivate();
        return server;
    }
}
