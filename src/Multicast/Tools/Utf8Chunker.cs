using System.Text;

namespace Multicast;

/// <summary>
/// Cuts text read from a stream into UTF-8 payloads of at most a given number of bytes, never
/// splitting a character (Python chunks by characters, so a chunk of 1316 '€' was 3948 bytes).
/// A chunk holds at least one character, so a limit below 4 bytes (Python accepts 1) sends a wider
/// character alone, as Python's one-character reads do.
/// </summary>
internal static class Utf8Chunker
{
    private const int ReadBlockChars = 4096;
    private const int WidestCharacter = 4;
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="input"/> to its end, yielding each full chunk as soon as it fills.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ChunksAsync(TextReader input, int maxBytes, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        var chars = new char[ReadBlockChars + 1];
        var chunk = new byte[Math.Max(maxBytes, WidestCharacter)];
        var used = 0;
        var carried = 0;
        while (true)
        {
            var read = await input.ReadAsync(chars.AsMemory(carried, ReadBlockChars), cancellationToken).ConfigureAwait(false);
            var available = carried + read;
            if (available == 0)
            {
                break;
            }

            // A high surrogate at the end of a block waits for its partner from the next read.
            var usable = read > 0 && char.IsHighSurrogate(chars[available - 1]) ? available - 1 : available;
            var position = 0;
            while (position < usable)
            {
                if (Rune.DecodeFromUtf16(chars.AsSpan(position, usable - position), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    // A lone surrogate has no UTF-8: the strict encoder throws, naming it.
                    s_strictUtf8.GetBytes(chars, position, 1);
                }

                position += consumed;
                if (used > 0 && used + rune.Utf8SequenceLength > maxBytes)
                {
                    yield return chunk.AsMemory(0, used).ToArray();
                    used = 0;
                }

                used += rune.EncodeToUtf8(chunk.AsSpan(used));
            }

            carried = available - usable;
            if (carried > 0)
            {
                chars[0] = chars[available - 1];
            }

            if (read == 0)
            {
                break;
            }
        }

        if (used > 0)
        {
            yield return chunk.AsMemory(0, used).ToArray();
        }
    }
}
