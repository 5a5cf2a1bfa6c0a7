using System.Text.Json;

namespace Multicast.Messaging;

/// <summary>
/// What a connection needs of its router. The router sits in the layer above (its public handlers
/// take a <see cref="MessageContext"/>, which names the connection), so the connection sees it only
/// through this interface and the layers stay one-way.
/// </summary>
internal interface IMessageHandlers
{
    /// <summary>What happens to actions and requests nobody mapped.</summary>
    UnknownRouteBehavior UnknownRoute { get; }

    /// <summary>The handler of <paramref name="action"/>, when one is mapped.</summary>
    bool TryGetAction(string action, out Func<MessageContext, MessageArguments, CancellationToken, ValueTask> handler);

    /// <summary>The handler of the request <paramref name="requestedValue"/>, when one is mapped.</summary>
    bool TryGetRequest(string requestedValue, out Func<MessageContext, MessageArguments, CancellationToken, ValueTask<JsonElement>> handler);
}
