using Multicast.Cli.Tests.Support;

namespace Multicast.Cli.Tests.Ipc;

/// <summary>The tool as a process: exit statuses and streams for help, version and usage errors.</summary>
public sealed class UsageProcessTests
{
    [Fact]
    public async Task No_arguments_print_the_help_and_exit_0()
    {
        var run = await Tool.RunAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: multicast [-h | -v] [--use-std] [--daemon] CMD ...\n", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task Version_prints_multicast_and_the_version()
    {
        var run = await Tool.RunAsync("--version");

        Assert.Equal((0, $"multicast {McastCli.Version}\n", string.Empty), (run.ExitCode, run.Out, run.Err));
    }

    [Theory]
    [InlineData("BAdInPut", "multicast: error: argument CMD: invalid choice: 'BAdInPut' (choose from 'HEAR', 'NOOP', 'RECV', 'SAY')")]
    [InlineData("你好", "multicast: error: argument CMD: invalid choice: '你好' (choose from 'HEAR', 'NOOP', 'RECV', 'SAY')")]
    [InlineData("NOOP --junk", "multicast NOOP: error: unrecognized arguments: --junk")]
    [InlineData("SAY --message", "multicast SAY: error: argument -m/--message: expected at least one argument")]
    [InlineData("RECV --port test", "multicast RECV: error: argument --port: invalid int value: 'test'")]
    public async Task Usage_errors_exit_2_with_the_usage_and_the_reason_on_stderr(string line, string error)
    {
        var run = await Tool.RunAsync(line.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("usage: multicast", lines[0], StringComparison.Ordinal);
        Assert.Equal(error, lines[1]);
    }

    [Fact]
    public async Task Noop_exits_0_silently()
    {
        var run = await Tool.RunAsync("--daemon", "NOOP");

        Assert.Equal((0, string.Empty, string.Empty), (run.ExitCode, run.Out, run.Err));
    }
}
