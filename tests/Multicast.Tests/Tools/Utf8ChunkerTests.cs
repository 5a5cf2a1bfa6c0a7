using System.Text;

namespace Multicast.Tests.Tools;

/// <summary>How SAY cuts piped text: by UTF-8 bytes between characters, at least one character a chunk, lone surrogates refused.</summary>
public sealed class Utf8ChunkerTests
{
    [Theory]
    [InlineData(1, "ab€", new[] { "a", "b", "€" })]
    [InlineData(3, "a€b", new[] { "a", "€", "b" })]
    [InlineData(4, "a€b", new[] { "a€", "b" })]
    [InlineData(4, "😀😀", new[] { "😀", "😀" })]
    public async Task A_small_buffer_sends_a_wider_character_alone(int maxBytes, string input, string[] chunks)
    {
        var sent = new List<string>();
        await foreach (var chunk in Utf8Chunker.ChunksAsync(new StringReader(input), maxBytes))
        {
            sent.Add(Encoding.UTF8.GetString(chunk.Span));
        }

        Assert.Equal(chunks, sent);
    }

    [Fact]
    public async Task A_lone_surrogate_is_refused_not_replaced()
    {
        var error = await Assert.ThrowsAsync<EncoderFallbackException>(async () =>
        {
            await foreach (var unused in Utf8Chunker.ChunksAsync(new StringReader("ok\uDCFFbad"), 1316))
            {
                Assert.Fail("nothing may be yielded before the bad character in the same chunk");
            }
        });
        Assert.Equal('\uDCFF', error.CharUnknown);
    }

    [Fact]
    public async Task Say_reports_a_lone_surrogate_as_a_data_error_and_sends_nothing()
    {
        var args = new McastArgs { Group = "127.0.0.1", Port = 9, Data = "ok\uDCFF" };

        var error = await Assert.ThrowsAsync<CommandExecutionException>(() => new McastSay().DoStepAsync(args).AsTask());

        Assert.Equal((int)ExitCode.DataError, error.ExitCode);
        Assert.Equal("SAY refused the message: the byte 0xFF is not UTF-8; nothing altered was sent.", error.Message);
    }
}
