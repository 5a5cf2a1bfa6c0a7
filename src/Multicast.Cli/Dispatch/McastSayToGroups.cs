using System.Text;
using Microsoft.Extensions.Logging;

namespace Multicast.Cli;

/// <summary>
/// The command line's <c>SAY</c>: <see cref="McastSay"/> to <c>--group</c> and then to every group of
/// <c>--groups</c> (Python's SAY accepts <c>--groups</c> and ignores it). Piped input is read once
/// and sent to each group in the same chunks.
/// </summary>
internal sealed class McastSayToGroups : McastTool, IDisposable
{
    private readonly McastSay _say;

    public McastSayToGroups(ILoggerFactory? loggerFactory)
        : base(loggerFactory) => _say = new McastSay(loggerFactory);

    public override string Proc => _say.Proc;

    /// <summary>Closes the sockets the SAY tool kept.</summary>
    public void Dispose() => _say.Dispose();

    public override string Prologue => _say.Prologue;

    public override async ValueTask<McastResult> DoStepAsync(McastArgs args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var groups = args.Groups.Prepend(args.Group).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Count == 1)
        {
            return await _say.DoStepAsync(args, cancellationToken).ConfigureAwait(false);
        }

        var piped = CliParser.ReadsStandardInput(args)
            ? await ReadAllAsync(args.Input ?? Console.In, cancellationToken).ConfigureAwait(false)
            : null;
        foreach (var group in groups)
        {
            var one = args with { Group = group, Groups = [], Input = piped is null ? args.Input : new StringReader(piped) };
            try
            {
                await _say.DoStepAsync(one, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e) when (e.ParamName == "destination" && group != args.Group)
            {
                // The core names the one destination it was given; this one came from --groups, and
                // "groups" is the name the command line's error wording maps to that option.
#pragma warning disable CA2208 // the name of the core's parameter, not of this method's
                throw new ArgumentException(e.Message, "groups", e);
#pragma warning restore CA2208
            }
        }

        return McastResult.Done;
    }

    /// <summary>Reads piped input whole (it goes to every group); input that is not UTF-8 is a Data Error, as SAY to one group reports it.</summary>
    private static async Task<string> ReadAllAsync(TextReader input, CancellationToken cancellationToken)
    {
        try
        {
            return await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException e)
        {
            var bytes = string.Concat((e.BytesUnknown ?? []).Select(b => $"\\x{b:x2}"));
            throw new CommandExecutionException($"SAY refused standard input: the bytes b'{bytes}' are not UTF-8; nothing was sent.", (int)ExitCode.DataError, e);
        }
    }
}
