using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Multicast;

/// <summary>
/// The base of every tool (Python's <c>mtool</c>): a name, a prologue and epilogue for help text, and
/// <see cref="DoStep"/>, which does the tool's one job and reports <c>(success, result)</c>.
/// </summary>
public abstract class McastTool
{
    /// <summary>Creates the tool; <paramref name="loggerFactory"/> null logs nowhere.</summary>
    protected McastTool(ILoggerFactory? loggerFactory)
    {
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The command word users type: <c>SAY</c>, <c>RECV</c>, <c>HEAR</c>, <c>NOOP</c>.</summary>
    public abstract string Proc { get; }

    /// <summary>The line that opens the tool's help.</summary>
    public virtual string Prologue => "Multicast for .NET.";

    /// <summary>The line that closes the tool's help.</summary>
    public virtual string Epilogue => string.Empty;

    /// <summary>The factory for the loggers of what the tool creates.</summary>
    protected ILoggerFactory LoggerFactory { get; }

    /// <summary>The tool's own logger (category <c>Multicast.</c> and the tool's type name).</summary>
    // Made when first used, and named only for a factory that logs: the type's name comes from
    // metadata, which a native SAY would otherwise read at every start without logging anything.
    protected ILogger Logger => _logger ??= LoggerFactory is NullLoggerFactory ? NullLogger.Instance : LoggerFactory.CreateLogger("Multicast." + GetType().Name);

    private ILogger? _logger;

    /// <summary>Does the tool's job and waits for it.</summary>
    /// <returns><c>(true, result)</c> on success, <c>(false, null)</c> when there was nothing to do (RECV heard nothing).</returns>
    /// <exception cref="ArgumentException">Bad arguments (group, port, interface...).</exception>
    /// <exception cref="McastSocketException">The network refused an operation.</exception>
    public McastResult DoStep(McastArgs args) => DoStepAsync(args).AsTask().GetAwaiter().GetResult();

    /// <summary>Does the tool's job.</summary>
    /// <returns><c>(true, result)</c> on success, <c>(false, null)</c> when there was nothing to do (RECV heard nothing).</returns>
    /// <exception cref="ArgumentException">Bad arguments (group, port, interface...).</exception>
    /// <exception cref="McastSocketException">The network refused an operation.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public abstract ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default);
}
