using Microsoft.Extensions.Logging;

namespace Multicast.Cli;

/// <summary>
/// What the command line's <c>RECV</c> and <c>HEAR</c> run (Python's <c>McastRecvHearDispatch</c>):
/// with <see cref="McastArgs.IsDaemon"/> the HEAR echo server (<see cref="McastHear"/>), otherwise one
/// message received (<see cref="McastRecv"/>), whichever of the two words was typed.
/// </summary>
internal sealed class McastRecvHearDispatch : McastTool
{
    private readonly McastRecv _recv;
    private readonly McastHear _hear;

    /// <summary>Creates the dispatcher; <paramref name="loggerFactory"/> null logs nowhere.</summary>
    public McastRecvHearDispatch(ILoggerFactory? loggerFactory = null)
        : base(loggerFactory)
    {
        _recv = new McastRecv(loggerFactory);
        _hear = new McastHear(loggerFactory);
    }

    /// <inheritdoc />
    public override string Proc => "HEAR";

    /// <inheritdoc />
    public override string Prologue => "Multicast receiver or echo server, as --daemon says.";

    /// <summary>The tool that <paramref name="args"/> choose: HEAR under <c>--daemon</c>, else RECV.</summary>
    public McastTool ToolFor(McastArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.IsDaemon ? _hear : _recv;
    }

    /// <inheritdoc />
    public override ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default) =>
        ToolFor(args).DoStepAsync(args, cancellationToken);
}
