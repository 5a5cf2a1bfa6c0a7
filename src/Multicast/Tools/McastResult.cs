namespace Multicast;

/// <summary>
/// What every tool's <see cref="McastTool.DoStep"/> returns: Python's <c>(success, result)</c> tuple,
/// so <c>var (ok, text) = recv.DoStep(args);</c> reads as it does in Python.
/// </summary>
/// <param name="Success">Whether the tool did its job (RECV: a non-empty message came).</param>
/// <param name="Result">The payload: RECV's text, otherwise null.</param>
public readonly record struct McastResult(bool Success, object? Result)
{
    /// <summary>Success with no payload: <c>(True, None)</c>.</summary>
    public static McastResult Done => new(true, null);

    /// <summary>Failure with no payload: <c>(False, None)</c>.</summary>
    public static McastResult Failed => new(false, null);
}
