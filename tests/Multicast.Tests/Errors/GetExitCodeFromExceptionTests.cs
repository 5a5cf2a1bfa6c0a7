using System.Net.Sockets;
using System.Text;

namespace Multicast.Tests.Errors;

/// <summary>Python's get_exit_code_from_exception table, translated to .NET exceptions (python-reference §1.8 item 39).</summary>
public sealed class GetExitCodeFromExceptionTests
{
    public static TheoryData<Exception, int> Mappings => new()
    {
        { new CommandExecutionException("Test error", 42), 42 },
        { new CommandExecutionException(), 1 },
        { new ShutdownCommandReceivedException(), 143 },
        { new NotImplementedException(), 1 },
        { new IOException("disk"), 2 },
        { new EndOfStreamException(), 2 },
        { new SocketException((int)SocketError.ConnectionRefused), 2 },
        { new SocketException((int)SocketError.TimedOut), 2 },
        { new SocketException((int)SocketError.AddressNotAvailable), 2 },
        { new TimeoutException(), 2 },
        { new ArgumentException("bad"), 65 },
        { new ArgumentNullException("value"), 65 },
        { new ArgumentOutOfRangeException("value"), 65 },
        { new DecoderFallbackException("not utf-8"), 65 },
        { new FormatException(), 65 },
        { new UriFormatException(), 65 },
        { new FileNotFoundException(), 66 },
        { new DirectoryNotFoundException(), 66 },
        { new MissingFileException(), 2 },
        { new UnauthorizedAccessException(), 77 },
        { new SocketException((int)SocketError.AccessDenied), 77 },
        { new TypeLoadException(), 127 },
        { new DllNotFoundException(), 127 },
        { new EntryPointNotFoundException(), 127 },
        { new OperationCanceledException(), 130 },
        { new TaskCanceledException(), 130 },
        { new SocketException((int)SocketError.Shutdown), 141 },
        { new InvalidOperationException(), 70 },
        { new KeyNotFoundException(), 70 },
        { new AggregateException(new IOException()), 70 },
        { new UnrelatedException(), 70 },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void GetExitCodeFromException_maps_like_python(Exception exception, int code) =>
        Assert.Equal(code, ExitCodes.GetExitCodeFromException(exception));

    [Fact]
    public void GetExitCodeFromException_gives_141_for_a_broken_pipe_io_error()
    {
        var brokenPipe = OperatingSystem.IsWindows() ? unchecked((int)0x8007006D) : 32;

        Assert.Equal(141, ExitCodes.GetExitCodeFromException(new IOException("Broken pipe", brokenPipe)));
    }

    [Theory]
    [InlineData("a string")]
    [InlineData(42)]
    [InlineData(null)]
    public void GetExitCodeFromException_gives_70_for_anything_that_is_not_an_exception(object? value) =>
        Assert.Equal(70, ExitCodes.GetExitCodeFromException(value));

    /// <summary>Derives from an exact-match row: like Python's FileNotFoundError subclasses, it is an OSError (2) first.</summary>
    private sealed class MissingFileException : FileNotFoundException;

    /// <summary>Derives from nothing but <see cref="Exception"/>, like a plain Python Exception subclass.</summary>
    private sealed class UnrelatedException : Exception;
}
