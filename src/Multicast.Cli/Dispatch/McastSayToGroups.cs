using Microsoft.Extensions.Logging;

namespace Multicast.Cli;

/// <summary>
/// The command line's <c>SAY</c>: <see cref="McastSay"/> to <c>--group</c> and then to every group of
/// <c>--groups</c> (Python's SAY accepts <c>--groups</c> and ignores it). Piped input is read once
/// and sent to each group in the same chunks.
/// </summary>
internal sealed class McastSayToGroups : McastTool
{
    private readonly McastSay _say;

    public McastSayToGroups(ILoggerFactory? loggerFactory)
        : base(loggerFactory) => _say = new McastSay(loggerFactory);

    public override string Proc => _say.Proc;

    public override string Prologue => _say.Prologue;

    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var groups = args.Groups.Prepend(args.Group).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count == 1)
        {
            return await _say.DoStepAsync(args, cancellationToken).ConfigureAwait(false);
        }

        var piped = args.Data is IReadOnlyList<string> { Count: 1 } words && words[0] == "-"
            ? await (args.Input ?? Console.In).ReadToEndAsync(cancellationToken).ConfigureAwait(false)
            : null;
        foreach (var group in groups)
        {
            var one = args with { Group = group, Groups = [], Input = piped is null ? args.Input : new StringReader(piped) };
            await _say.DoStepAsync(one, cancellationToken).ConfigureAwait(false);
        }

        return McastResult.Done;
    }
}
