using Microsoft.Extensions.Logging;
using Multicast.Tests.Support;

namespace Multicast.Tests.Errors;

public sealed class ExitOnExceptionTests
{
    private readonly RecordingLogger _logger = new();

    [Theory]
    [InlineData(0)]
    [InlineData(42)]
    [InlineData(255)]
    public void Run_returns_the_body_code_and_logs_nothing(int code)
    {
        Assert.Equal(code, ExitOnException.Run(() => code, _logger));
        Assert.Empty(_logger.Entries);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Run_turns_an_out_of_range_code_into_255_with_a_warning(int code)
    {
        Assert.Equal(255, ExitOnException.Run(() => code, _logger));
        Assert.Equal([$"Exit Status Out of Range: {code} is not between 0 and 255, exiting with 255"], _logger.Warnings);
    }

    [Fact]
    public void Run_maps_a_value_error_to_65_and_logs_it_as_python_does()
    {
        Assert.Equal(65, ExitOnException.Run(() => throw new ArgumentException("bad value"), _logger));
        Assert.Equal([(LogLevel.Warning, "Data Error: bad value")], _logger.Entries);
    }

    [Fact]
    public void Run_exits_with_the_code_of_a_command_execution_exception()
    {
        Assert.Equal(64, ExitOnException.Run(() => throw new CommandExecutionException("boom", 64), _logger));
        Assert.Equal(["Usage Error: boom"], _logger.Warnings);
    }

    [Fact]
    public void Run_exits_143_on_a_shutdown_command()
    {
        Assert.Equal(143, ExitOnException.Run(() => throw new ShutdownCommandReceivedException(), _logger));
        Assert.Equal(["Terminated (SIGTERM): SHUTDOWN"], _logger.Warnings);
    }

    [Fact]
    public void Run_maps_an_unknown_exception_to_70()
    {
        Assert.Equal(70, ExitOnException.Run(() => throw new InvalidOperationException("oops"), _logger));
        Assert.Equal(["Internal Software Error: oops"], _logger.Warnings);
    }

    [Fact]
    public void Run_works_without_a_logger() =>
        Assert.Equal(66, ExitOnException.Run(() => throw new FileNotFoundException("missing")));

    [Fact]
    public void Run_refuses_a_null_body() =>
        Assert.Throws<ArgumentNullException>(() => ExitOnException.Run(null!));

    [Fact]
    public async Task RunAsync_returns_the_body_code_and_passes_the_token()
    {
        using var cancellation = new CancellationTokenSource();
        CancellationToken seen = default;

        var code = await ExitOnException.RunAsync(
            async token =>
            {
                seen = token;
                await Task.Yield();
                return 7;
            },
            _logger,
            cancellation.Token);

        Assert.Equal(7, code);
        Assert.Equal(cancellation.Token, seen);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task RunAsync_maps_an_exception_thrown_after_an_await()
    {
        var code = await ExitOnException.RunAsync(
            async _ =>
            {
                await Task.Yield();
                throw new UnauthorizedAccessException("no access");
            },
            _logger);

        Assert.Equal(77, code);
        Assert.Equal(["Permission Denied: no access"], _logger.Warnings);
    }

    [Fact]
    public async Task RunAsync_maps_an_exception_thrown_before_the_task_exists()
    {
        Assert.Equal(1, await ExitOnException.RunAsync(_ => throw new NotImplementedException("later"), _logger));
        Assert.Equal(["General Error: later"], _logger.Warnings);
    }

    [Fact]
    public async Task RunAsync_exits_130_when_cancelled_like_a_keyboard_interrupt()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var code = await ExitOnException.RunAsync(
            async token =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            _logger,
            cancellation.Token);

        Assert.Equal(130, code);
        Assert.Equal(["Interrupt (SIGINT): A task was canceled."], _logger.Warnings);
    }

    [Fact]
    public async Task RunAsync_turns_an_out_of_range_code_into_255() =>
        Assert.Equal(255, await ExitOnException.RunAsync(_ => Task.FromResult(1000)));

    [Fact]
    public async Task RunAsync_refuses_a_null_body() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => ExitOnException.RunAsync(null!));
}
