using System.Net;
using System.Text;
using Moq;
using Multicast.TestSupport;
using Multicast.Tests.Support;

namespace Multicast.Tests.Server;

public sealed class UdpServerHookTests
{
    [NetworkFact]
    public async Task Every_datagram_reaches_the_handler_with_its_bytes_and_sender()
    {
        var seen = new List<(string Text, int Port)>();
        var handled = new TaskCompletionSource();
        var handler = new Mock<IRequestHandler>();
        handler.Setup(h => h.Handle(It.IsAny<UdpRequest>())).Callback<UdpRequest>(r =>
        {
            seen.Add((Encoding.UTF8.GetString(r.Data.Span), r.ClientEndPoint!.Port));
            if (seen.Count == 2)
            {
                handled.SetResult();
            }
        });
        await using var server = RunningServer.Start(new UdpServer(new IPEndPoint(IPAddress.Loopback, 0), handler.Object));
        using var peer = new UdpPeer();

        peer.Send("127.0.0.1", server.Server.ServerAddress.Port, "one");
        peer.Send("127.0.0.1", server.Server.ServerAddress.Port, "two");
        await handled.Task.Within("two datagrams handled");

        Assert.Equal([("one", peer.Port), ("two", peer.Port)], seen);
    }

    [NetworkFact]
    public async Task A_handler_that_throws_goes_to_handle_error_and_the_server_keeps_serving()
    {
        var handler = new Mock<IRequestHandler>();
        handler.Setup(h => h.Handle(It.Is<UdpRequest>(r => r.Data.Length == 3))).Throws(new InvalidOperationException("bad packet"));
        using var server = new RecordingServer(handler.Object);
        await using var running = RunningServer.Start(server);
        using var peer = new UdpPeer();

        peer.Send("127.0.0.1", server.ServerAddress.Port, "bad");
        peer.Send("127.0.0.1", server.ServerAddress.Port, "good");
        await server.Closed.Task.Within("both requests closed");

        Assert.Equal(["bad packet"], server.Errors.Select(e => e.Message));
        Assert.Equal(["bad", "good"], server.ClosedRequests);
        Assert.False(running.Serving.IsCompleted);
    }

    [NetworkFact]
    public async Task A_refused_request_is_closed_without_reaching_the_handler()
    {
        var handler = new Mock<IRequestHandler>();
        using var server = new RecordingServer(handler.Object) { Refuse = "drop" };
        await using var running = RunningServer.Start(server);
        using var peer = new UdpPeer();

        peer.Send("127.0.0.1", server.ServerAddress.Port, "drop");
        peer.Send("127.0.0.1", server.ServerAddress.Port, "keep");
        await server.Closed.Task.Within("both requests closed");

        handler.Verify(h => h.Handle(It.Is<UdpRequest>(r => TextOf(r) == "keep")), Times.Once);
        handler.Verify(h => h.Handle(It.Is<UdpRequest>(r => TextOf(r) == "drop")), Times.Never);
    }

    [NetworkTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Serving_again_after_a_shutdown_hears_real_datagrams_only(bool recycle)
    {
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Text, int Port)>();
        var handler = new Mock<IRequestHandler>();
        handler.Setup(h => h.Handle(It.IsAny<UdpRequest>())).Callback<UdpRequest>(r => seen.Enqueue((Encoding.UTF8.GetString(r.Data.Span), r.ClientEndPoint?.Port ?? 0)));
        var port = TestPorts.Next();
        using var server = new McastServer("239.7.15.1", port, handler.Object, new McastServerOptions { RecycleSocket = recycle });
        using var peer = new UdpPeer();

        // the shutdown leaves the socket shut down for reading, for good; serving again takes a new one
        for (var round = 1; round <= 3; round++)
        {
            var serving = Task.Run(server.ServeForever);
            await Eventually.UntilAsync(() => server.IsServing, $"round {round} to start serving");
            var text = $"round {round}";
            await Eventually.UntilAsync(
                () =>
                {
                    peer.Send("239.7.15.1", port, text);
                    return seen.Any(s => s.Text == text);
                },
                $"round {round}'s datagram to be heard");
            await Task.Run(server.Shutdown).Within($"round {round} to shut down");
            await serving.Within($"round {round}'s ServeForever to return");
        }

        Assert.All(seen, s => Assert.Equal(peer.Port, s.Port));
        Assert.All(seen, s => Assert.StartsWith("round ", s.Text, StringComparison.Ordinal));
    }

    [NetworkFact]
    public async Task Shutdown_from_another_thread_stops_serve_forever_promptly()
    {
        using var server = new UdpServer(new IPEndPoint(IPAddress.Loopback, 0), Mock.Of<IRequestHandler>());
        server.BindAndActivate();
        var serving = Task.Run(server.ServeForever);
        await Eventually.UntilAsync(() => server.IsServing, "the server to start serving");

        await Task.Run(server.Shutdown).Within("Shutdown to return", TimeSpan.FromSeconds(2));

        await serving.Within("ServeForever to return", TimeSpan.FromSeconds(2));
        Assert.False(server.IsServing);
    }

    [NetworkFact]
    public async Task Handle_request_handles_exactly_one_datagram()
    {
        var handler = new Mock<IRequestHandler>();
        using var server = new UdpServer(new IPEndPoint(IPAddress.Loopback, 0), handler.Object);
        server.BindAndActivate();
        using var peer = new UdpPeer();

        peer.Send("127.0.0.1", server.ServerAddress.Port, "only");
        await Task.Run(server.HandleRequest).Within("one request");

        handler.Verify(h => h.Handle(It.IsAny<UdpRequest>()), Times.Once);
    }

    private static string TextOf(UdpRequest request) => Encoding.UTF8.GetString(request.Data.Span);


    private sealed class RecordingServer(IRequestHandler handler) : UdpServer(new IPEndPoint(IPAddress.Loopback, 0), handler)
    {
        public string? Refuse { get; init; }

        public List<Exception> Errors { get; } = [];

        public List<string> ClosedRequests { get; } = [];

        public TaskCompletionSource Closed { get; } = new();

        protected override bool VerifyRequest(UdpRequest request) => Encoding.UTF8.GetString(request.Data.Span) != Refuse;

        protected override void HandleError(UdpRequest request, Exception exception)
        {
            Errors.Add(exception);
            base.HandleError(request, exception);
        }

        protected override void CloseRequest(UdpRequest request)
        {
            ClosedRequests.Add(Encoding.UTF8.GetString(request.Data.Span));
            if (ClosedRequests.Count == 2)
            {
                Closed.TrySetResult();
            }
        }
    }
}
