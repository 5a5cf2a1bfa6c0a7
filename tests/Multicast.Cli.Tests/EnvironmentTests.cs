using Multicast.Cli.Tests.Support;

namespace Multicast.Cli.Tests;

/// <summary>The <c>MULTICAST_*</c> variables: invalid values fall back with Python's warning on stderr, and never change the exit code.</summary>
public sealed class EnvironmentTests
{
    [Theory]
    [InlineData("MULTICAST_PORT", "abc", "Invalid MULTICAST_PORT value, using default 59259")]
    [InlineData("MULTICAST_PORT", "80", "Port 80 is outside valid range (49152-65535), using default 59259")]
    [InlineData("MULTICAST_GROUP", "10.0.0.1", "Invalid multicast group 10.0.0.1, using default 224.0.0.1")]
    [InlineData("MULTICAST_TTL", "x", "Invalid MULTICAST_TTL value, using default 1")]
    [InlineData("MULTICAST_TTL", "300", "TTL 300 is outside valid range (1-126), using default 1")]
    [InlineData("MULTICAST_BUFFER_SIZE", "0", "Invalid MULTICAST_BUFFER_SIZE 0, using default 1316")]
    [InlineData("MULTICAST_BUFFER_SIZE", "big", "Invalid MULTICAST_BUFFER_SIZE value, using default 1316")]
    [InlineData("MULTICAST_GROUPS", "239.1.1.1 nope", "Invalid multicast group nope in MULTICAST_GROUPS, skipping")]
    public async Task An_invalid_variable_warns_on_stderr_and_the_tool_still_succeeds(string name, string value, string warning)
    {
        var run = await InProcess.RunAsync(["NOOP"], new Dictionary<string, string?> { [name] = value });

        Assert.Equal((0, McastResult.Done), (run.ExitCode, run.Result));
        Assert.Equal([$"multicast: warning: {warning}"], run.ErrLines);
    }

    [Fact]
    public async Task Every_invalid_variable_warns_once_in_order()
    {
        var run = await InProcess.RunAsync(["NOOP"], new Dictionary<string, string?>
        {
            ["MULTICAST_PORT"] = "1",
            ["MULTICAST_GROUP"] = "junk",
            ["MULTICAST_TTL"] = "0",
        });

        Assert.Equal(
            [
                "multicast: warning: Port 1 is outside valid range (49152-65535), using default 59259",
                "multicast: warning: Invalid multicast group junk, using default 224.0.0.1",
                "multicast: warning: TTL 0 is outside valid range (1-126), using default 1",
            ],
            run.ErrLines);
    }

    [Fact]
    public async Task Valid_variables_print_nothing()
    {
        var run = await InProcess.RunAsync(["NOOP"], new Dictionary<string, string?>
        {
            ["MULTICAST_PORT"] = "50000",
            ["MULTICAST_GROUP"] = "239.1.2.3",
            ["MULTICAST_GROUPS"] = "239.1.2.4 239.1.2.5",
            ["MULTICAST_TTL"] = "2",
            ["MULTICAST_BIND_ADDR"] = "0.0.0.0",
            ["MULTICAST_BUFFER_SIZE"] = "1400",
        });

        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task Warnings_are_printed_for_help_too_as_python_prints_them_at_import()
    {
        var run = await InProcess.RunAsync(["--help"], new Dictionary<string, string?> { ["MULTICAST_TTL"] = "x" });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["multicast: warning: Invalid MULTICAST_TTL value, using default 1"], run.ErrLines);
    }
}
