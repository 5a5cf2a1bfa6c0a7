namespace Multicast.Cli.Tests.Running;

/// <summary>The core's argument errors, worded for the option the user typed.</summary>
public sealed class OptionBlameTests
{
    [Fact]
    public void A_core_parameter_becomes_the_option_and_loses_the_dotnet_suffixes()
    {
        var error = new ArgumentOutOfRangeException("port", 70000, "Port 70000 is too large.");

        Assert.Equal("argument --port: port 70000 is too large", OptionBlame.Describe(error));
    }

    [Fact]
    public void A_rethrown_error_names_the_last_parameter()
    {
        var inner = new ArgumentException("Invalid destination 'x': no.", "destination");

        Assert.Equal("argument --groups: invalid destination 'x': no", OptionBlame.Describe(new ArgumentException(inner.Message, "groups", inner)));
    }

    [Theory]
    [InlineData("delay")]
    [InlineData(null)]
    public void An_error_that_names_no_option_is_not_a_usage_error(string? parameter) =>
        Assert.Null(OptionBlame.Describe(new ArgumentException("something inside", parameter)));
}
