namespace Multicast;

/// <summary>
/// Handles one datagram a <see cref="UdpServer"/> received (Python's <c>BaseRequestHandler</c>, with
/// one instance serving every request instead of one per request). An exception thrown here goes to
/// <see cref="UdpServer.HandleError"/>; it never stops the server unless that decides so.
/// </summary>
public interface IRequestHandler
{
    /// <summary>Handles <paramref name="request"/>; its buffers are only valid during the call.</summary>
    void Handle(UdpRequest request);
}
