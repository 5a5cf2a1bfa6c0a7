using Multicast.Cli.Tests.Support;

namespace Multicast.Cli.Tests.Help;

/// <summary>The rows of the exit-code table that parsing decides: help and version (0), usage errors (2).</summary>
public sealed class UsageTests
{
    private const string Choices = "(choose from 'HEAR', 'NOOP', 'RECV', 'SAY')";

    [Fact]
    public async Task No_arguments_print_the_help_and_exit_0()
    {
        var run = await InProcess.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(McastResult.Done, run.Result);
        Assert.StartsWith("usage: multicast [-h | -v] [--use-std] [--daemon] CMD ...\n", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Err);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("SAY --help")]
    [InlineData("NOOP --help")]
    [InlineData("HEAR --help")]
    [InlineData("RECV --help")]
    [InlineData("--daemon HEAR --help")]
    [InlineData("--daemon RECV --help")]
    [InlineData("RECV --daemon -h")]
    public async Task Help_is_printed_on_stdout_with_exit_0(string line)
    {
        var run = await InProcess.RunAsync(line.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: multicast", run.Out, StringComparison.Ordinal);
        Assert.Contains("options:", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task A_tool_help_lists_its_options_and_the_global_flags()
    {
        var run = await InProcess.RunAsync("SAY", "--help");

        Assert.StartsWith("usage: multicast SAY [-h] [--port PORT] [--group GROUP] [--groups [GROUPS ...]] [--iface IFACE] [--ttl TTL] [-m MESSAGE [MESSAGE ...] | --pipe] [--stop-key KEY]\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n  -m, --message MESSAGE [MESSAGE ...]\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n  --use-std ", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n  --daemon ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_top_level_help_names_every_tool()
    {
        var run = await InProcess.RunAsync("-h");

        foreach (var tool in CliGrammar.Commands)
        {
            Assert.Contains($"\n    {tool} ", run.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    public async Task Version_prints_the_program_name_and_version(string flag)
    {
        var run = await InProcess.RunAsync(flag);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"multicast {McastCli.Version}\n", run.Out.ReplaceLineEndings("\n"));
        Assert.Matches(@"^\d+\.\d+\.\d+", McastCli.Version);
    }

    [Theory]
    [InlineData("BAdInPut")]
    [InlineData("1")]
    [InlineData("exit")]
    [InlineData("HELP")]
    [InlineData("hear")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("你好")]
    [InlineData("SAY;ls")]
    [InlineData("-")]
    [InlineData("[diagram]")]
    [InlineData("it's")]
    public async Task An_unknown_tool_is_an_invalid_choice_with_exit_2(string tool)
    {
        var run = await InProcess.RunAsync(tool);

        Assert.Equal(2, run.ExitCode);
        Assert.False(run.Result.Success);
        Assert.Empty(run.Out);
        Assert.Equal(
            ["usage: multicast [-h | -v] [--use-std] [--daemon] CMD ...", $"multicast: error: argument CMD: invalid choice: {PythonText.Repr(tool)} {Choices}"],
            run.ErrLines);
    }

    [Fact]
    public async Task The_invalid_choice_is_quoted_as_python_repr_does()
    {
        var run = await InProcess.RunAsync("it's");

        Assert.Contains("invalid choice: \"it's\" (choose from", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NOOP --junk --more=stuff", "multicast NOOP: error: unrecognized arguments: --junk --more=stuff")]
    [InlineData("HEAR --hex", "multicast HEAR: error: unrecognized arguments: --hex")]
    [InlineData("RECV extra", "multicast RECV: error: unrecognized arguments: extra")]
    [InlineData("--junk", "multicast: error: unrecognized arguments: --junk")]
    [InlineData("SAY --message", "multicast SAY: error: argument -m/--message: expected at least one argument")]
    [InlineData("SAY -m", "multicast SAY: error: argument -m/--message: expected at least one argument")]
    [InlineData("RECV --port test", "multicast RECV: error: argument --port: invalid int value: 'test'")]
    [InlineData("HEAR --port test", "multicast HEAR: error: argument --port: invalid int value: 'test'")]
    [InlineData("RECV --port=test", "multicast RECV: error: argument --port: invalid int value: 'test'")]
    [InlineData("RECV --group", "multicast RECV: error: argument --group: expected one argument")]
    [InlineData("RECV --timeout soon", "multicast RECV: error: argument --timeout: invalid float value: 'soon'")]
    [InlineData("RECV --timeout 0", "multicast RECV: error: argument --timeout: '0' is out of range (more than 0, at most 4294967 seconds)")]
    [InlineData("SAY --ttl 256", "multicast SAY: error: argument --ttl: '256' is out of range (0 to 255)")]
    [InlineData("SAY -m x --pipe", "multicast SAY: error: argument --pipe: not allowed with argument -m/--message")]
    [InlineData("-h -v", "multicast: error: argument -v/--version: not allowed with argument -h/--help")]
    [InlineData("SAY -v", "multicast SAY: error: unrecognized arguments: -v")]
    public async Task A_wrong_command_line_is_a_usage_error_with_exit_2(string line, string error)
    {
        var run = await InProcess.RunAsync(line.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(new McastResult(false, error[(error.IndexOf(": error: ", StringComparison.Ordinal) + 9)..]), run.Result);
        Assert.Empty(run.Out);
        Assert.Equal(2, run.ErrLines.Length);
        Assert.StartsWith("usage: multicast", run.ErrLines[0], StringComparison.Ordinal);
        Assert.Equal(error, run.ErrLines[1]);
    }

    [Fact]
    public async Task Noop_succeeds_with_python_result()
    {
        var run = await InProcess.RunAsync("NOOP");

        Assert.Equal((0, McastResult.Done), (run.ExitCode, run.Result));
        Assert.Empty(run.Out);
        Assert.Empty(run.Err);
    }

    [Theory]
    [InlineData("--daemon NOOP")]
    [InlineData("--use-std NOOP")]
    [InlineData("NOOP --daemon --use-std")]
    public async Task Noop_ignores_the_global_flags(string line)
    {
        var run = await InProcess.RunAsync(line.Split(' '));

        Assert.Equal((0, McastResult.Done), (run.ExitCode, run.Result));
    }

    [Theory]
    [InlineData("--use-std")]
    [InlineData("--daemon")]
    public async Task Global_flags_without_a_tool_fail_with_70_as_in_python(string flag)
    {
        var run = await InProcess.RunAsync(flag);

        Assert.Equal((70, McastResult.Failed), (run.ExitCode, run.Result));
        Assert.Equal([$"Internal Software Error: no tool to run {Choices}"], run.ErrLines);
    }
}
