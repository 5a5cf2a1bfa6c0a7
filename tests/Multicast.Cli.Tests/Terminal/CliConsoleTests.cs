namespace Multicast.Cli.Tests.Terminal;

/// <summary>The three streams of a run: the given ones, or the console's where none is given.</summary>
public sealed class CliConsoleTests
{
    [Fact]
    public void Given_streams_are_used_as_they_are()
    {
        using var input = new StringReader("in");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var console = CliConsole.Of(input, output, error);

        Assert.Same(input, console.In);
        Assert.Same(output, console.Out);
        Assert.Same(error, console.Error);
    }

    [Fact]
    public void Missing_streams_are_the_console_s()
    {
        var console = CliConsole.Of(null, null, null);

        Assert.Same(Console.In, console.In);
        Assert.Same(Console.Out, console.Out);
        Assert.Same(Console.Error, console.Error);
    }
}
