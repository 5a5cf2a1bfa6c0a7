using Microsoft.Extensions.Logging;

namespace Multicast;

/// <summary>NOOP: does nothing and succeeds, <c>(true, null)</c>; useful to check the tool runs at all.</summary>
public sealed class McastNope : McastTool
{
    /// <summary>Creates the tool.</summary>
    public McastNope(ILoggerFactory? loggerFactory = null)
        : base(loggerFactory)
    {
    }

    /// <inheritdoc />
    public override string Proc => "NOOP";

    /// <inheritdoc />
    public override string Prologue => "No Operation tool.";

    /// <inheritdoc />
    public override ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(McastResult.Done);
    }
}
