using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>
/// HEAR: runs the echo server on a group until a datagram containing STOP arrives (Python's
/// <c>McastHEAR</c>); returns <c>(true, null)</c> then. Cancelling stops it gracefully and throws
/// <see cref="OperationCanceledException"/> with Python's interruption message.
/// </summary>
public sealed class McastHear : McastTool
{
    /// <summary>Creates the tool.</summary>
    public McastHear(ILoggerFactory? loggerFactory = null)
        : base(loggerFactory)
    {
    }

    /// <inheritdoc />
    public override string Proc => "HEAR";

    /// <inheritdoc />
    public override string Prologue => "Multicast Server for multicast input.";

    /// <summary>The message a cancelled HEAR reports, as Python's <c>KeyboardInterrupt</c> does.</summary>
    public static string InterruptedMessage(string group, int port) =>
        $"HEAR has stopped due to interruption signal, was previously listening on ({group}, {port}).";

    /// <inheritdoc />
    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var heard = args.IsStd ? args.Output ?? Console.Out : null;
        using var handler = new HearUdpHandler(LoggerFactory, heard, args.StopKey is null ? args.Hear : args.Hear with { StopKey = args.StopKey });
        var options = new McastServerOptions { Groups = args.Groups, Iface = args.Iface, Source = args.Source, Filter = args.Filter };
        using var server = new McastServer(args.Group, args.Port, handler, options, LoggerFactory);
        server.BindAndActivate();
        ToolLog.Listening(Logger, args.Group, server.ServerAddress.Port);
        try
        {
            await server.ServeForeverAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(InterruptedMessage(args.Group, args.Port), e, cancellationToken);
        }

        return McastResult.Done;
    }
}
