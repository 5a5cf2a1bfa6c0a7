using System.Text;
using Multicast.Cli.Tests.Support;
using Multicast.TestSupport;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>
/// SAY refuses text that is not UTF-8, from standard input or from its command line, with a Data
/// Error (65) and sends nothing altered; a listener in the test sees only the message sent after it.
/// A U+FFFD the user really typed is still sent as its own bytes.
/// </summary>
public sealed class Utf8ProcessTests
{
    private static readonly byte[] s_notUtf8 = [(byte)'o', (byte)'k', 0xff, (byte)'b', (byte)'a', (byte)'d'];

    [NetworkTheory]
    [InlineData("--pipe")]
    [InlineData("--pipe --groups 239.255.3.4")]
    public async Task Say_refuses_piped_bytes_that_are_not_utf8_with_a_data_error(string options)
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);
        await using var say = Tool.StartInteractive(["SAY", "--group", Tool.Group, "--port", $"{port}", .. options.Split(' ')]);
        await say.StandardInput.BaseStream.WriteAsync(s_notUtf8);
        say.StandardInput.Close();

        Assert.Equal(65, await say.WaitForExitAsync());
        Assert.StartsWith(@"Data Error: SAY refused standard input: the bytes b'\xff' are not UTF-8; nothing", say.Error.Text, StringComparison.Ordinal);
        await AssertNothingBeforeAsync(listener, port);
    }

    [NetworkFact]
    public async Task Say_refuses_a_message_argument_that_is_not_utf8_with_a_data_error()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        // A shell puts the raw byte 0xFF into the argument (.NET's own process start would encode it as UTF-8).
        await using var say = ToolProcess.StartProgram(
            "/bin/sh",
            ["-c", $"exec \"$0\" SAY --group {Tool.Group} --port {port} -m \"$(printf 'ok\\377bad')\"", InstalledTool.Executable],
            InstalledTool.Environment);

        Assert.Equal(65, await say.WaitForExitAsync());
        Assert.Equal("Data Error: SAY refused the message: the byte 0xFF is not UTF-8; nothing altered was sent.\n", say.Error.Text);
        await AssertNothingBeforeAsync(listener, port);
    }

    [NetworkFact]
    public async Task A_bad_byte_in_another_argument_is_shown_as_python_shows_it()
    {
        await using var recv = ToolProcess.StartProgram(
            "/bin/sh",
            ["-c", "exec \"$0\" RECV --group \"$(printf '239.1.1.\\377')\"", InstalledTool.Executable],
            InstalledTool.Environment);

        Assert.Equal(2, await recv.WaitForExitAsync());
        Assert.Contains(@"argument --group: invalid group value: '239.1.1.\udcff'", recv.Error.Text, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task A_replacement_character_the_user_typed_is_sent_as_its_bytes()
    {
        var port = TestPorts.Next();
        using var listener = new GroupListener(Tool.Group, port);

        var say = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "ok\uFFFDgood");

        Assert.Equal(0, say.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes("ok\uFFFDgood"), (await listener.ReceiveAsync()).Payload);
    }

    /// <summary>The refused SAY sent nothing: the first datagram on the port is the one sent after it.</summary>
    private static async Task AssertNothingBeforeAsync(GroupListener listener, int port)
    {
        var after = await Tool.RunAsync("SAY", "--group", Tool.Group, "--port", $"{port}", "-m", "after");
        Assert.Equal(0, after.ExitCode);
        Assert.Equal("after", await listener.ReceiveTextAsync());
    }
}
