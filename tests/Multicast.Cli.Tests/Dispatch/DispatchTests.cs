namespace Multicast.Cli.Tests.Dispatch;

/// <summary>The table of tools (Python's <c>McastDispatch</c>, <c>TASK_OPTIONS</c>, <c>useTool</c>).</summary>
public sealed class DispatchTests
{
    [Fact]
    public void The_tools_are_python_ones_sorted()
    {
        Assert.Equal(["HEAR", "NOOP", "RECV", "SAY"], CliGrammar.Commands);
    }

    [Theory]
    [InlineData("HEAR", typeof(McastRecvHearDispatch))]
    [InlineData("RECV", typeof(McastRecvHearDispatch))]
    [InlineData("NOOP", typeof(McastNope))]
    [InlineData("SAY", "SAY")]
    public void Each_name_has_its_tool(string name, object expected)
    {
        var tool = new McastDispatch().GetTool(name);

        Assert.NotNull(tool);
        if (expected is Type type)
        {
            Assert.IsType(type, tool);
        }
        else
        {
            Assert.Equal(expected, tool.Proc);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("NoSuchTool")]
    [InlineData(null)]
    [InlineData("--Junk")]
    [InlineData("noop")]
    public async Task Use_tool_with_an_unknown_name_does_nothing_and_fails(string? name)
    {
        var dispatch = new McastDispatch();

        Assert.Null(dispatch.GetTool(name));
        Assert.Equal(McastResult.Failed, await dispatch.UseToolAsync(name, new McastArgs()));
        Assert.Equal(McastResult.Failed, dispatch.UseTool(name, new McastArgs()));
    }

    [Fact]
    public void Use_tool_runs_noop()
    {
        Assert.Equal(McastResult.Done, new McastDispatch().UseTool("NOOP", new McastArgs()));
    }

    [Fact]
    public void Daemon_picks_the_hear_server_and_otherwise_recv()
    {
        var dispatch = new McastRecvHearDispatch();

        Assert.IsType<McastHear>(dispatch.ToolFor(new McastArgs { IsDaemon = true }));
        Assert.IsType<McastRecv>(dispatch.ToolFor(new McastArgs { IsDaemon = false }));
    }
}
