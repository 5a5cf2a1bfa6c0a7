namespace Multicast;

/// <summary>
/// What holds replies while the server has more requests of the same batch in hand
/// (<see cref="UdpServer.HasQueuedRequests"/>), to send them together. It registers with the server
/// (<see cref="UdpServer.TryHoldReplies"/>), which flushes it before it waits for the next datagram
/// and when its loop ends, so no reply waits on traffic, however the handler is wrapped.
/// </summary>
internal interface IDeferredReplies
{
    /// <summary>Sends every reply held, reporting each failure as an immediate send would.</summary>
    void FlushReplies();
}
