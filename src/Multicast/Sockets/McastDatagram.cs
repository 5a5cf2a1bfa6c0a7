using System.Net;
using System.Text;

namespace Multicast;

/// <summary>
/// One received datagram with what the kernel told us about it: who sent it, to which group, on
/// which interface, and whether it was cut short.
/// </summary>
public sealed class McastDatagram
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates a datagram record; the payload is owned by the record from now on.</summary>
    public McastDatagram(ReadOnlyMemory<byte> payload, IPEndPoint source, IPAddress? destination = null, int interfaceIndex = 0, bool truncated = false, DateTimeOffset? receivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        Payload = payload;
        Source = source;
        Destination = destination;
        InterfaceIndex = interfaceIndex;
        Truncated = truncated;
        ReceivedAt = receivedAt ?? DateTimeOffset.UtcNow;
    }

    /// <summary>The bytes as sent.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The sender's address and port.</summary>
    public IPEndPoint Source { get; }

    /// <summary>The address the datagram was sent to (the group), when the socket reports it.</summary>
    public IPAddress? Destination { get; }

    /// <summary>The index of the interface it arrived on, or 0 when unknown.</summary>
    public int InterfaceIndex { get; }

    /// <summary>True when the datagram was larger than the receive buffer and was cut (never with the default buffer).</summary>
    public bool Truncated { get; }

    /// <summary>When it was taken off the socket.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The payload decoded as strict UTF-8, as Python's <c>str(data, 'utf8')</c>.</summary>
    /// <exception cref="DecoderFallbackException">The payload is not valid UTF-8.</exception>
    public string Text => s_strictUtf8.GetString(Payload.Span);

    /// <summary>Decodes the payload as strict UTF-8 without throwing.</summary>
    /// <returns>False when the payload is not valid UTF-8.</returns>
    public bool TryGetText(out string text)
    {
        try
        {
            text = Text;
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    /// <summary>
    /// A copy that owns its payload: receivers hand filters a view of their buffer and keep only the
    /// datagrams a filter accepted.
    /// </summary>
    internal McastDatagram Detach() => new(Payload.ToArray(), Source, Destination, InterfaceIndex, Truncated, ReceivedAt);

    /// <summary>A short description for logs.</summary>
    public override string ToString() => $"{Payload.Length} bytes from {Source} to {Destination?.ToString() ?? "?"}";
}
