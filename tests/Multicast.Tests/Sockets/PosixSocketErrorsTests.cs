using System.Net.Sockets;

namespace Multicast.Tests.Sockets;

/// <summary>Errors of our own system calls carry the SocketError they mean, not the raw errno.</summary>
public class PosixSocketErrorsTests
{
    [Theory]
    [InlineData(111, SocketError.ConnectionRefused)]
    [InlineData(24, SocketError.TooManyOpenSockets)]
    [InlineData(105, SocketError.NoBufferSpaceAvailable)]
    [InlineData(1, SocketError.AccessDenied)]
    [InlineData(90, SocketError.MessageSize)]
    [InlineData(99, SocketError.AddressNotAvailable)]
    [InlineData(97, SocketError.AddressFamilyNotSupported)]
    [InlineData(92, SocketError.ProtocolOption)]
    [InlineData(9999, SocketError.SocketError)]
    public void An_errno_becomes_the_socket_error_it_means(int errno, SocketError meant)
    {
        var error = PosixSocketErrors.ToException(errno);

        Assert.Equal(meant, error.SocketErrorCode);
    }
}
