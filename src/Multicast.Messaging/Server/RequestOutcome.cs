namespace Multicast.Messaging;

/// <summary>How one peer answered a request sent to many (<see cref="MessageServer.RequestAllAsync(string, System.Text.Json.JsonSerializerOptions, IReadOnlyList{object?}?, IReadOnlyDictionary{string, object?}?, TimeSpan?, CancellationToken)"/>).</summary>
/// <param name="Succeeded">True when a value came back.</param>
/// <param name="Value">The value, when it did.</param>
/// <param name="Error">Why not, otherwise (timeout, error reply, closed connection).</param>
public readonly record struct RequestOutcome<T>(bool Succeeded, T? Value, Exception? Error);
