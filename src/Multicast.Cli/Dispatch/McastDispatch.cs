using Microsoft.Extensions.Logging;

namespace Multicast.Cli;

/// <summary>
/// The command line's table of tools (Python's <c>McastDispatch</c>; its names, <c>TASK_OPTIONS</c>, are <see cref="CliGrammar.Commands"/>):
/// <c>HEAR</c> and <c>RECV</c> run <see cref="McastRecvHearDispatch"/>, <c>NOOP</c> runs
/// <see cref="McastNope"/>, <c>SAY</c> runs <see cref="McastSay"/> (to every group given).
/// Names are case-sensitive, as in Python.
/// </summary>
internal sealed class McastDispatch
{
    private readonly ILoggerFactory? _loggerFactory;

    /// <summary>Creates the dispatcher; <paramref name="loggerFactory"/> null logs nowhere.</summary>
    public McastDispatch(ILoggerFactory? loggerFactory = null) => _loggerFactory = loggerFactory;

    /// <summary>The tool called <paramref name="name"/>, or null when there is none.</summary>
    public McastTool? GetTool(string? name) => name switch
    {
        "HEAR" or "RECV" => new McastRecvHearDispatch(_loggerFactory),
        "NOOP" => new McastNope(_loggerFactory),
        "SAY" => new McastSayToGroups(_loggerFactory),
        _ => null,
    };

    /// <summary>
    /// Runs the tool called <paramref name="name"/> (Python's <c>useTool</c>); an unknown or missing
    /// name does nothing and returns <c>(false, null)</c>. Failures of the tool propagate.
    /// </summary>
    public async ValueTask<McastResult> UseToolAsync(string? name, McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (GetTool(name) is not { } tool)
        {
            return McastResult.Failed;
        }

        try
        {
            return await tool.DoStepAsync(args, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (tool as IDisposable)?.Dispose();
        }
    }

    /// <summary>Runs the tool called <paramref name="name"/> and waits for it; see <see cref="UseToolAsync"/>.</summary>
    public McastResult UseTool(string? name, McastArgs args) => UseToolAsync(name, args).AsTask().GetAwaiter().GetResult();
}
