namespace Multicast.Tests.Errors;

public sealed class ExceptionTypeTests
{
    [Fact]
    public void CommandExecutionException_defaults_to_general_error_with_pythons_message()
    {
        var error = new CommandExecutionException();

        Assert.Equal("An error occurred", error.Message);
        Assert.Equal(1, error.ExitCode);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void CommandExecutionException_keeps_message_and_exit_code()
    {
        var error = new CommandExecutionException("Test error", 42);

        Assert.Equal("Test error", error.Message);
        Assert.Equal(42, error.ExitCode);
    }

    [Fact]
    public void CommandExecutionException_chains_its_cause()
    {
        var cause = new InvalidOperationException("root");

        var withDefaultCode = new CommandExecutionException("wrapped", cause);
        var withCode = new CommandExecutionException("wrapped", 65, cause);

        Assert.Same(cause, withDefaultCode.InnerException);
        Assert.Equal(1, withDefaultCode.ExitCode);
        Assert.Same(cause, withCode.InnerException);
        Assert.Equal(65, withCode.ExitCode);
    }

    [Fact]
    public void CommandExecutionException_with_null_message_uses_the_default()
    {
        Assert.Equal("An error occurred", new CommandExecutionException(null).Message);
        Assert.Equal("An error occurred", new CommandExecutionException(null, 3).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    public void CommandExecutionException_accepts_exit_codes_from_0_to_255(int code) =>
        Assert.Equal(code, new CommandExecutionException("x", code).ExitCode);

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void CommandExecutionException_refuses_an_exit_code_outside_0_to_255(int code)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CommandExecutionException("x", code, null));

        Assert.Equal("exitCode", error.ParamName);
        Assert.StartsWith("Exit code must be an integer between 0 and 255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShutdownCommandReceivedException_defaults_to_SHUTDOWN_and_always_exits_143()
    {
        var stop = new ShutdownCommandReceivedException();

        Assert.Equal("SHUTDOWN", stop.Message);
        Assert.Equal(143, stop.ExitCode);
        Assert.Null(stop.InnerException);
    }

    [Fact]
    public void ShutdownCommandReceivedException_keeps_message_and_cause()
    {
        var cause = new IOException("gone");

        var stop = new ShutdownCommandReceivedException("STOP received", cause);

        Assert.Equal("STOP received", stop.Message);
        Assert.Same(cause, stop.InnerException);
        Assert.Equal(143, stop.ExitCode);
        Assert.Equal("SHUTDOWN", new ShutdownCommandReceivedException(null).Message);
        Assert.Equal("x", new ShutdownCommandReceivedException("x").Message);
    }
}
