using System.Text;
using Microsoft.Extensions.Logging;
using Multicast;
using Multicast.Hosting;

namespace Multicast.Samples.Worker;

/// <summary>The listener's handler: prints each datagram; one saying "fail" throws, to show the service goes on.</summary>
internal sealed partial class PrintingHandler(ILogger<PrintingHandler> logger) : IMcastDatagramHandler
{
    public ValueTask HandleAsync(McastDatagram datagram, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(datagram.Payload.Span);
        if (text == "fail")
        {
            throw new InvalidOperationException("asked to fail");
        }

        Heard(logger, text, datagram.Source);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "worker heard '{Text}' from {Source}")]
    private static partial void Heard(ILogger logger, string text, System.Net.IPEndPoint source);
}
