using System.Runtime.InteropServices;

namespace Multicast;

/// <summary>struct iovec: one buffer of a message.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoVector
{
    public IntPtr Base;
    public nuint Length;
}

/// <summary>
/// struct mmsghdr on 64-bit Linux, as <c>recvmmsg</c> and <c>sendmmsg</c> take it: a struct msghdr
/// (56 bytes) and the length the kernel moved.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct MessageHeader
{
    /// <summary>The room for one address: sizeof(struct sockaddr_storage).</summary>
    public const int NameBytes = 128;

    [FieldOffset(0)]
    public IntPtr Name;
    [FieldOffset(8)]
    public uint NameLength;
    [FieldOffset(16)]
    public IntPtr Vectors;
    [FieldOffset(24)]
    public nuint VectorCount;
    [FieldOffset(32)]
    public IntPtr Control;
    [FieldOffset(40)]
    public nuint ControlLength;
    [FieldOffset(48)]
    public int Flags;
    [FieldOffset(56)]
    public uint Length;
}
