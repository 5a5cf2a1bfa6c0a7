namespace Multicast.Hosting;

/// <summary>
/// Handles the datagrams of a hosted listener (<c>AddMulticastListener&lt;THandler&gt;</c>), resolved
/// from dependency injection. One datagram at a time, in arrival order; an exception is logged and
/// counted, and the next datagram is handled.
/// </summary>
public interface IMcastDatagramHandler
{
    /// <summary>Handles one datagram.</summary>
    /// <param name="datagram">The datagram, with its own copy of the payload.</param>
    /// <param name="cancellationToken">Cancelled when the host gives up waiting for the queued datagrams at shutdown.</param>
    ValueTask HandleAsync(McastDatagram datagram, CancellationToken cancellationToken);
}
