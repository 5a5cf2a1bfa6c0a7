using System.Globalization;

namespace Multicast.Cli;

/// <summary>
/// Runs the chosen tool and turns its outcome into an exit code: 0 when it succeeded, 70 when it
/// did not (RECV heard nothing) or failed, a <see cref="CommandExecutionException"/>'s own code
/// (65 for invalid UTF-8), 130 or 143 when interrupted. Every failure is explained on one line
/// of standard error, <c>{name of the code}: {reason}</c>.
/// </summary>
internal static class ToolRunner
{
    /// <summary>Runs <paramref name="run"/> until it finishes or <paramref name="interruption"/> stops it.</summary>
    /// <param name="run">The tool and its arguments.</param>
    /// <param name="dispatch">The table of tools.</param>
    /// <param name="interruption">SIGINT and SIGTERM.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="usageError">Reports a value the tool refused as a usage error (exit 2), in the words of its option.</param>
    public static async Task<(int ExitCode, McastResult Result)> RunAsync(RunTool run, McastDispatch dispatch, Interruption interruption, TextWriter error, Func<string, Task<(int, McastResult)>> usageError)
    {
        if (run.Tool is null || dispatch.GetTool(run.Tool) is not { } tool)
        {
            var choices = string.Join(", ", CliGrammar.Commands.Select(PythonText.Repr));
            return await FailAsync(error, (int)ExitCode.InternalSoftwareError, $"no tool to run (choose from {choices})", McastResult.Failed).ConfigureAwait(false);
        }

        try
        {
            var work = tool.DoStepAsync(run.Args, interruption.Token).AsTask();
            if (await Task.WhenAny(work, interruption.GraceOver).ConfigureAwait(false) != work)
            {
                throw new OperationCanceledException(interruption.Token); // stuck where it cannot be cancelled: abandoned
            }

            var result = await work.ConfigureAwait(false);
            return result.Success
                ? ((int)ExitCode.Success, result)
                : await FailAsync(error, (int)ExitCode.InternalSoftwareError, WhyNothing(run, result), result).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interruption.IsInterrupted)
        {
            // HEAR says where it was listening, as Python's does; the others just say they stopped.
            var message = IsServer(run)
                ? McastHear.InterruptedMessage(run.Args.Group, run.Args.Port)
                : $"{run.Tool} has stopped due to interruption signal.";
            return await FailAsync(error, interruption.ExitCode, message, new McastResult(false, message)).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (OptionBlame.Describe(e) is { } blame)
        {
            return await usageError(blame).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The command line's last line of defence: every failure becomes an exit code and one line.
            var code = e is CommandExecutionException or ShutdownCommandReceivedException
                ? ExitCodes.GetExitCodeFromException(e)
                : (int)ExitCode.InternalSoftwareError;
            // A CommandExecutionException carries a whole sentence that names the tool already.
            var message = e is CommandExecutionException ? OneLine(e.Message) : $"{run.Tool} failed: {OneLine(e.Message)}";
            return await FailAsync(error, code, message, new McastResult(false, message)).ConfigureAwait(false);
        }
    }

    private static bool IsServer(RunTool run) => run.Args.IsDaemon && run.Tool is "HEAR" or "RECV";

    /// <summary>Why RECV did not succeed: nothing (or an empty datagram) came, or fewer than <c>--limit</c> messages.</summary>
    private static string WhyNothing(RunTool run, McastResult result)
    {
        var args = run.Args;
        var what = args.Filter is null ? "message" : "message matching the filter";
        var got = result.Result is IReadOnlyCollection<string> texts && args.Limit > 1
            ? $"{texts.Count} of {args.Limit} {what}s"
            : $"no {what}";
        var waited = (args.Timeout ?? TimeSpan.FromSeconds(args.Ttl)).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture, $"{run.Tool} received {got} on ({args.Group}, {args.Port}) within {waited:0.###} s.");
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static async Task<(int, McastResult)> FailAsync(TextWriter error, int code, string message, McastResult result)
    {
        await error.WriteLineAsync($"{ExitCodes.Describe(code)}: {message}").ConfigureAwait(false);
        await error.FlushAsync().ConfigureAwait(false);
        return (code, result);
    }
}
