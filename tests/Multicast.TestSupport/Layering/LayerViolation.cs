namespace Multicast.TestSupport.Layering;

/// <summary>One reference from a type to a type in a folder it may not use.</summary>
/// <param name="File">The referring file, relative to the project folder.</param>
/// <param name="Line">The line of the reference (1-based).</param>
/// <param name="FromType">The type whose code holds the reference.</param>
/// <param name="FromFolder">The referring file's folder.</param>
/// <param name="ToType">The type referred to.</param>
/// <param name="ToFolder">The folder that type is declared in.</param>
public sealed record LayerViolation(string File, int Line, string FromType, string FromFolder, string ToType, string ToFolder)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {FromType} ({FromFolder}) refers to {ToType} ({ToFolder}), a folder not below it";
}
