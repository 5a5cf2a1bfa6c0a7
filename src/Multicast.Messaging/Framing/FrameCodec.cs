using System.Buffers;
using System.Buffers.Binary;

namespace Multicast.Messaging;

/// <summary>
/// clever-show's frame: a 2-byte big-endian header length, the JSON header, then
/// <c>content-length</c> bytes of content. No magic, no version, no checksum.
/// </summary>
internal static class FrameCodec
{
    /// <summary>The size of the protoheader (the header length, uint16 big-endian).</summary>
    public const int ProtoHeaderSize = 2;

    /// <summary>Writes protoheader, header and content.</summary>
    /// <exception cref="ArgumentException">The content length differs from <see cref="FrameHeader.ContentLength"/>.</exception>
    /// <exception cref="FrameFormatException">The header is longer than 65,535 bytes.</exception>
    public static void Write(IBufferWriter<byte> output, FrameHeader header, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        if (header.ContentLength != content.Length)
        {
            throw new ArgumentException($"content-length is {header.ContentLength} but the content has {content.Length} bytes.", nameof(content));
        }

        WriteHeader(output, header);
        output.Write(content);
    }

    /// <summary>
    /// Writes only protoheader and header; the caller then writes exactly
    /// <see cref="FrameHeader.ContentLength"/> bytes (how files are streamed).
    /// </summary>
    /// <exception cref="FrameFormatException">The header is longer than 65,535 bytes.</exception>
    public static void WriteHeader(IBufferWriter<byte> output, FrameHeader header)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        var json = FrameHeaderWriter.ToJson(header);
        if (json.Length > ushort.MaxValue)
        {
            throw new FrameFormatException($"the header is {json.Length} bytes; a frame header holds at most 65,535");
        }

        var protoHeader = output.GetSpan(ProtoHeaderSize);
        BinaryPrimitives.WriteUInt16BigEndian(protoHeader, (ushort)json.Length);
        output.Advance(ProtoHeaderSize);
        output.Write(json);
    }

    /// <summary>
    /// Takes one header off the front of <paramref name="buffer"/> when it is all there (the
    /// incremental parse of a stream). On success <paramref name="buffer"/> starts at the content.
    /// </summary>
    /// <returns>False when more bytes are needed; <paramref name="buffer"/> is then unchanged.</returns>
    /// <exception cref="FrameFormatException">The header breaks the protocol or a limit.</exception>
    public static bool TryReadHeader(ref ReadOnlySequence<byte> buffer, FrameLimits limits, out FrameHeader header)
    {
        ArgumentNullException.ThrowIfNull(limits);
        header = null!;
        if (buffer.Length < ProtoHeaderSize)
        {
            return false;
        }

        Span<byte> lengthBytes = stackalloc byte[ProtoHeaderSize];
        buffer.Slice(0, ProtoHeaderSize).CopyTo(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt16BigEndian(lengthBytes);
        if (headerLength == 0)
        {
            throw new FrameFormatException("the protoheader announces an empty header");
        }

        if (headerLength > limits.MaxHeaderBytes)
        {
            throw new FrameFormatException($"the protoheader announces a {headerLength}-byte header, over the limit of {limits.MaxHeaderBytes}");
        }

        if (buffer.Length < ProtoHeaderSize + headerLength)
        {
            return false;
        }

        header = FrameHeaderReader.Parse(buffer.Slice(ProtoHeaderSize, headerLength), limits);
        buffer = buffer.Slice(ProtoHeaderSize + headerLength);
        return true;
    }

    /// <summary>Parses one whole frame from one datagram (discovery announcements).</summary>
    /// <exception cref="FrameFormatException">Truncated, too long, or the header breaks the protocol.</exception>
    public static ReceivedFrame ReadDatagram(ReadOnlyMemory<byte> datagram, FrameLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var buffer = new ReadOnlySequence<byte>(datagram);
        if (!TryReadHeader(ref buffer, limits, out var header))
        {
            throw new FrameFormatException($"the datagram ends inside the header ({datagram.Length} bytes)");
        }

        if (buffer.Length != header.ContentLength)
        {
            throw new FrameFormatException($"content-length is {header.ContentLength} but the datagram carries {buffer.Length} content bytes", "content-length");
        }

        var contentStart = datagram.Length - (int)buffer.Length;
        return new ReceivedFrame(header, datagram[contentStart..]);
    }

    /// <summary>One whole frame as a new array.</summary>
    internal static byte[] ToArray(FrameHeader header, ReadOnlySpan<byte> content)
    {
        var output = new ArrayBufferWriter<byte>(256 + content.Length);
        Write(output, header, content);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Protoheader and header alone, as a new array.</summary>
    internal static byte[] HeaderToArray(FrameHeader header)
    {
        var output = new ArrayBufferWriter<byte>(256);
        WriteHeader(output, header);
        return output.WrittenSpan.ToArray();
    }
}
