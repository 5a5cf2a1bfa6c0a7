using System.Text;
using System.Threading.Channels;

namespace Multicast.Hosting.Tests.Support;

/// <summary>A HEAR request handler that passes on the text of each datagram it handles.</summary>
internal sealed class RecordingHandler : IRequestHandler
{
    public Channel<string> Heard { get; } = Channel.CreateUnbounded<string>();

    public void Handle(UdpRequest request) => Heard.Writer.TryWrite(Encoding.UTF8.GetString(request.Data.Span));
}
