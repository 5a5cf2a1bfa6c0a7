using System.Runtime.InteropServices;

namespace Multicast.Cli;

/// <summary>
/// Turns SIGINT into exit 130 and SIGTERM into exit 143, both by stopping the tool gracefully
/// (HEAR closes its socket and reports where it was listening). A second signal, while the first
/// is being handled, gets the system's default action: the process ends at once.
/// </summary>
internal sealed class SignalHandlers : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private SignalHandlers(Interruption interruption)
    {
        Register(PosixSignal.SIGINT, ExitCode.Interrupt, interruption);
        Register(PosixSignal.SIGTERM, ExitCode.Terminated, interruption);
    }

    /// <summary>Handles the signals for <paramref name="interruption"/> until disposed.</summary>
    public static SignalHandlers For(Interruption interruption) => new(interruption);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Register(PosixSignal signal, ExitCode exitCode, Interruption interruption)
    {
        try
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = interruption.Interrupt(exitCode)));
        }
        catch (PlatformNotSupportedException)
        {
            // Not every platform has every signal (Windows maps only a few); the default action stays.
        }
    }
}
