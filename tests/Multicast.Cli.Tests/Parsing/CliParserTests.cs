using Multicast.Cli.Tests.Support;

namespace Multicast.Cli.Tests.Parsing;

/// <summary>How a command line becomes the tool's arguments (<see cref="McastArgs"/>), defaults included.</summary>
public sealed class CliParserTests
{
    [Fact]
    public void Defaults_are_python_ones_when_no_option_is_given()
    {
        var run = Parsed.Run("RECV");

        Assert.Equal("RECV", run.Tool);
        Assert.Equal((McastDefaults.Group, McastDefaults.Port, McastDefaults.Ttl), (run.Args.Group, run.Args.Port, run.Args.Ttl));
        Assert.Empty(run.Args.Groups);
        Assert.Null(run.Args.Iface);
        Assert.Null(run.Args.Source);
        Assert.Null(run.Args.Timeout);
        Assert.Null(run.Args.Filter);
        Assert.Null(run.Args.Limit);
        Assert.False(run.Args.IsDaemon);
        Assert.False(run.Args.IsStd);
    }

    [Theory]
    [InlineData("--daemon --use-std HEAR")]
    [InlineData("HEAR --daemon --use-std")]
    [InlineData("--daemon HEAR --use-std")]
    [InlineData("--use-std RECV --daemon")]
    public void Global_flags_are_accepted_before_and_after_the_tool(string line)
    {
        var run = Parsed.Run(line);

        Assert.True(run.Args.IsDaemon);
        Assert.True(run.Args.IsStd);
    }

    [Fact]
    public void Receiver_options_reach_the_tool()
    {
        var run = Parsed.Run("RECV --port 50123 --group 239.1.2.3 --groups 239.9.9.9 239.8.8.8 --iface mc0 --source 198.18.0.2 --timeout 2.5");

        Assert.Equal((50123, "239.1.2.3", "mc0", "198.18.0.2"), (run.Args.Port, run.Args.Group, run.Args.Iface, run.Args.Source));
        Assert.Equal(["239.9.9.9", "239.8.8.8"], run.Args.Groups);
        Assert.Equal(TimeSpan.FromSeconds(2.5), run.Args.Timeout);
    }

    [Theory]
    [InlineData("5_0000", 50000)]
    [InlineData("+50001", 50001)]
    [InlineData(" 50002 ", 50002)]
    public void Numbers_are_read_as_python_int_reads_them(string text, int port)
    {
        Assert.Equal(port, Parsed.Run(["RECV", "--port", text]).Args.Port);
    }

    [Fact]
    public void An_empty_groups_option_joins_no_more_groups()
    {
        var run = Parsed.Run("HEAR --groups --port 50000", Groups("239.7.7.7"));

        Assert.Empty(run.Args.Groups);
        Assert.Equal(50000, run.Args.Port);
    }

    [Fact]
    public void Say_keeps_the_message_words_for_python_join()
    {
        var run = Parsed.Run(["SAY", "-m", "a", "b", "c  d"]);

        Assert.Equal(["a", "b", "c  d"], Words(run));
    }

    [Theory]
    [InlineData("SAY --pipe")]
    [InlineData("SAY --message -")]
    [InlineData("SAY -m -")]
    public void Pipe_and_a_lone_dash_read_standard_input(string line)
    {
        Assert.Equal(["-"], Words(Parsed.Run(line)));
    }

    [Fact]
    public void A_dash_followed_by_words_is_sent_as_text()
    {
        Assert.Equal(["-", "foo"], Words(Parsed.Run("SAY -m - foo")));
    }

    [Fact]
    public void Message_words_may_look_like_tool_names_files_or_numbers()
    {
        Assert.Equal(["NOOP", "@notes.txt", "-5"], Words(Parsed.Run("SAY -m NOOP @notes.txt -5")));
    }

    [Fact]
    public void Say_without_a_message_sends_the_default_ping()
    {
        Assert.Equal(McastSay.DefaultMessage, Parsed.Run("SAY").Args.Data);
    }

    [Fact]
    public void Say_options_reach_the_tool()
    {
        var run = Parsed.Run("SAY --port 50001 --group 239.1.1.1 --groups 239.2.2.2 --iface mc0 --ttl 5 -m hi");

        Assert.Equal((50001, "239.1.1.1", "mc0", 5), (run.Args.Port, run.Args.Group, run.Args.Iface, run.Args.Ttl));
        Assert.Equal(["239.2.2.2"], run.Args.Groups);
    }

    [Fact]
    public void The_environment_sets_the_defaults()
    {
        var run = Parsed.Run("SAY", new Dictionary<string, string?>
        {
            [McastEnv.PortVariable] = "50999",
            [McastEnv.GroupVariable] = "239.5.5.5",
            [McastEnv.TtlVariable] = "3",
            [McastEnv.BufferSizeVariable] = "500",
        });

        Assert.Equal((50999, "239.5.5.5", 3, 500), (run.Args.Port, run.Args.Group, run.Args.Ttl, run.Args.BufferSize));
    }

    [Fact]
    public void Options_win_over_the_environment()
    {
        var environment = new Dictionary<string, string?> { [McastEnv.PortVariable] = "50999", [McastEnv.GroupVariable] = "239.5.5.5" };

        var run = Parsed.Run("RECV --port 50001 --group 239.1.1.1", environment);

        Assert.Equal((50001, "239.1.1.1"), (run.Args.Port, run.Args.Group));
    }

    [Fact]
    public void Multicast_groups_feeds_the_groups_receivers_join_but_not_say()
    {
        var environment = Groups("239.7.7.7 239.6.6.6");

        Assert.Equal(["224.0.0.1", "239.6.6.6", "239.7.7.7"], Parsed.Run("RECV", environment).Args.Groups);
        Assert.Equal(["224.0.0.1", "239.6.6.6", "239.7.7.7"], Parsed.Run("HEAR", environment).Args.Groups);
        Assert.Empty(Parsed.Run("SAY", environment).Args.Groups);
        Assert.Equal(["239.1.1.1"], Parsed.Run("RECV --groups 239.1.1.1", environment).Args.Groups);
    }

    [Fact]
    public void Without_a_tool_only_the_flags_are_read()
    {
        var run = Parsed.Run("--use-std");

        Assert.Null(run.Tool);
        Assert.True(run.Args.IsStd);
    }

    [Theory]
    [InlineData("RECV --help", "RECV")]
    [InlineData("--daemon HEAR -h", "HEAR")]
    [InlineData("-h", "multicast")]
    public void Help_is_for_the_tool_named(string line, string command)
    {
        var help = Assert.IsType<ShowHelp>(Parsed.Invocation(line.Split(' ')));

        Assert.Equal(command, help.Command.Name);
    }

    [Theory]
    [InlineData("--daemon HEAR", true)]
    [InlineData("HEAR", true)]
    [InlineData("RECV", true)]
    [InlineData("SAY --pipe", true)]
    [InlineData("SAY --groups 239.1.1.1 239.1.1.2 --pipe", true)]
    [InlineData("SAY -m hello", false)]
    [InlineData("SAY", false)]
    [InlineData("NOOP", false)]
    public void Only_a_tool_that_runs_until_stopped_takes_the_signals(string line, bool mayRunLong)
    {
        Assert.Equal(mayRunLong, Parsed.Run(line).MayRunLong);
    }

    private static IReadOnlyList<string> Words(RunTool run) => Assert.IsAssignableFrom<IReadOnlyList<string>>(run.Args.Data);

    private static Dictionary<string, string?> Groups(string groups) => new() { [McastEnv.GroupsVariable] = groups };
}
