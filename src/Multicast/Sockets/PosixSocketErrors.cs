using System.Net.Sockets;

namespace Multicast;

/// <summary>
/// A <see cref="SocketException"/> for an <c>errno</c> our own P/Invoke calls got (Linux numbers).
/// <c>new SocketException(errno)</c> would keep the raw number as <see cref="SocketException.SocketErrorCode"/>,
/// which names another error (111, ECONNREFUSED, is not 10061, ConnectionRefused), so callers that
/// look at the code, and the code shown in logs, would be wrong.
/// </summary>
internal static class PosixSocketErrors
{
    public const int PermissionDenied = 1;    // EPERM
    public const int Interrupted = 4;         // EINTR
    public const int WouldBlock = 11;         // EAGAIN
    public const int AccessDenied = 13;       // EACCES
    public const int NoSystemCall = 38;       // ENOSYS

    public static SocketException ToException(int errno) => new((int)ToSocketError(errno));

    private static SocketError ToSocketError(int errno) => errno switch
    {
        PermissionDenied or AccessDenied => SocketError.AccessDenied,
        Interrupted => SocketError.Interrupted,
        9 => SocketError.OperationAborted,               // EBADF: closed under us
        WouldBlock => SocketError.WouldBlock,
        12 or 105 => SocketError.NoBufferSpaceAvailable, // ENOMEM, ENOBUFS
        14 => SocketError.Fault,                         // EFAULT
        22 => SocketError.InvalidArgument,               // EINVAL
        23 or 24 => SocketError.TooManyOpenSockets,      // ENFILE, EMFILE
        NoSystemCall or 95 => SocketError.OperationNotSupported, // ENOSYS, EOPNOTSUPP
        88 => SocketError.NotSocket,                     // ENOTSOCK
        90 => SocketError.MessageSize,                   // EMSGSIZE
        92 => SocketError.ProtocolOption,                // ENOPROTOOPT
        93 => SocketError.ProtocolNotSupported,          // EPROTONOSUPPORT
        97 => SocketError.AddressFamilyNotSupported,     // EAFNOSUPPORT
        98 => SocketError.AddressAlreadyInUse,           // EADDRINUSE
        99 => SocketError.AddressNotAvailable,           // EADDRNOTAVAIL
        100 => SocketError.NetworkDown,                  // ENETDOWN
        101 => SocketError.NetworkUnreachable,           // ENETUNREACH
        104 => SocketError.ConnectionReset,              // ECONNRESET
        107 => SocketError.NotConnected,                 // ENOTCONN
        111 => SocketError.ConnectionRefused,            // ECONNREFUSED
        113 => SocketError.HostUnreachable,              // EHOSTUNREACH
        _ => SocketError.SocketError,
    };
}
