using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Multicast.Messaging;

/// <summary>
/// Maps actions and requests to handlers, per instance (clever-show kept one registry for the whole
/// process, and the last registration silently won; here a duplicate throws).
/// </summary>
public sealed class MessageRouter : IMessageHandlers
{
    private readonly ConcurrentDictionary<string, Func<MessageContext, MessageArguments, CancellationToken, ValueTask>> _actions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<MessageContext, MessageArguments, CancellationToken, ValueTask<JsonElement>>> _requests = new(StringComparer.Ordinal);

    /// <summary>
    /// The default number of recent replies kept to answer resent requests without running their
    /// handler again (<see cref="MessageConnectionOptions.ReplayCacheEntries"/>; the cache now
    /// belongs to each server or client, per peer, not to the router).
    /// </summary>
    public const int ReplayCapacity = 1024;

    /// <summary>What happens to actions and requests nobody mapped.</summary>
    public UnknownRouteBehavior UnknownRoute { get; set; } = UnknownRouteBehavior.LogWarning;

    /// <summary>Handles the action message <paramref name="action"/>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="action"/> is mapped already, or reserved.</exception>
    public MessageRouter MapAction(string action, Func<MessageContext, MessageArguments, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfReserved(action);
        if (!_actions.TryAdd(action, handler))
        {
            throw new InvalidOperationException($"Action '{action}' is mapped already.");
        }

        return this;
    }

    /// <summary>Handles the action message <paramref name="action"/> synchronously.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="action"/> is mapped already, or reserved.</exception>
    public MessageRouter MapAction(string action, Action<MessageContext, MessageArguments> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return MapAction(action, (context, args, _) =>
        {
            handler(context, args);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Answers the request <paramref name="requestedValue"/> with the JSON the handler returns.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="requestedValue"/> is mapped already, or reserved.</exception>
    public MessageRouter MapRequest(string requestedValue, Func<MessageContext, MessageArguments, CancellationToken, ValueTask<JsonNode?>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddRequest(requestedValue, async (context, args, ct) => JsonValues.From(await handler(context, args, ct).ConfigureAwait(false), MessagingJson.Options));
    }

    /// <summary>Answers the request <paramref name="requestedValue"/> with a typed value serialized by <paramref name="typeInfo"/> (trimming-safe).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="requestedValue"/> is mapped already, or reserved.</exception>
    public MessageRouter MapRequest<TResult>(string requestedValue, Func<MessageContext, MessageArguments, CancellationToken, ValueTask<TResult>> handler, JsonTypeInfo<TResult> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return AddRequest(requestedValue, async (context, args, ct) => JsonSerializer.SerializeToElement(await handler(context, args, ct).ConfigureAwait(false), typeInfo));
    }

    /// <summary>
    /// Answers the request <paramref name="requestedValue"/> synchronously with any value
    /// System.Text.Json can serialize (reflection-based, like Python's "anything JSON-serialisable").
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="requestedValue"/> is mapped already, or reserved.</exception>
    [RequiresUnreferencedCode(TrimmingWarnings.Result)]
    [RequiresDynamicCode(TrimmingWarnings.Result)]
    public MessageRouter MapRequest<TResult>(string requestedValue, Func<MessageContext, MessageArguments, TResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddRequest(requestedValue, (context, args, _) => ValueTask.FromResult(JsonValues.From(handler(context, args))));
    }

    /// <summary>Answers the request <paramref name="requestedValue"/> synchronously with a typed value serialized by <paramref name="typeInfo"/> (trimming-safe).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="requestedValue"/> is mapped already, or reserved.</exception>
    public MessageRouter MapRequest<TResult>(string requestedValue, Func<MessageContext, MessageArguments, TResult> handler, JsonTypeInfo<TResult> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(typeInfo);
        return AddRequest(requestedValue, (context, args, _) => ValueTask.FromResult(JsonSerializer.SerializeToElement(handler(context, args), typeInfo)));
    }

    /// <summary>True when <paramref name="action"/> has a handler.</summary>
    public bool HasAction(string action) => _actions.ContainsKey(action);

    /// <summary>True when <paramref name="requestedValue"/> has a handler.</summary>
    public bool HasRequest(string requestedValue) => _requests.ContainsKey(requestedValue);

    bool IMessageHandlers.TryGetAction(string action, out Func<MessageContext, MessageArguments, CancellationToken, ValueTask> handler) =>
        _actions.TryGetValue(action, out handler!);

    bool IMessageHandlers.TryGetRequest(string requestedValue, out Func<MessageContext, MessageArguments, CancellationToken, ValueTask<JsonElement>> handler) =>
        _requests.TryGetValue(requestedValue, out handler!);

    private MessageRouter AddRequest(string requestedValue, Func<MessageContext, MessageArguments, CancellationToken, ValueTask<JsonElement>> handler)
    {
        ThrowIfReserved(requestedValue);
        if (!_requests.TryAdd(requestedValue, handler))
        {
            throw new InvalidOperationException($"Request '{requestedValue}' is mapped already.");
        }

        return this;
    }

    private static void ThrowIfReserved(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is FrameTypes.FileTransfer or Heartbeat.RequestName)
        {
            throw new InvalidOperationException($"'{name}' is reserved: files are configured with FileTransferOptions, heartbeats with HeartbeatInterval.");
        }
    }
}
