using Multicast.Messaging;

namespace Multicast.Hosting;

/// <summary>
/// The routes of a hosted message server or client, resolved from dependency injection (so they can
/// take services): <c>AddMulticastMessageServer&lt;TRoutes&gt;</c>.
/// </summary>
public interface IMessageRoutes
{
    /// <summary>Maps this app's actions and requests onto <paramref name="router"/>.</summary>
    void Map(MessageRouter router);
}
