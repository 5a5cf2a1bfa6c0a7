using System.Diagnostics;
using System.Text;

namespace Multicast.TestSupport;

/// <summary>
/// A real process of a .NET app (<c>dotnet app.dll ARGS</c>) with its standard streams captured.
/// Every wait has a deadline, and disposing kills the process and its children if they still
/// run, then reaps them. The inherited <c>MULTICAST_*</c> variables are removed so that only what
/// a test sets applies.
/// </summary>
public sealed class ToolProcess : IAsyncDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Process _process;

    private ToolProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        Output = new CapturedOutput(process.StandardOutput);
        Error = new CapturedOutput(process.StandardError);
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>The command line, for messages.</summary>
    public string Name { get; }

    /// <summary>Standard output.</summary>
    public CapturedOutput Output { get; }

    /// <summary>Standard error.</summary>
    public CapturedOutput Error { get; }

    /// <summary>Standard input, when it was kept open.</summary>
    public StreamWriter StandardInput => _process.StandardInput;

    /// <summary>
    /// Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c>. Standard input
    /// gets <paramref name="input"/> and is closed, unless <paramref name="keepInputOpen"/>.
    /// </summary>
    /// <param name="assembly">The app's .dll.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="environment">Variables to set (a null value removes one).</param>
    /// <param name="input">What standard input carries; nothing when null.</param>
    /// <param name="keepInputOpen">Leaves standard input open for <see cref="StandardInput"/>.</param>
    public static ToolProcess Start(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? input = null, bool keepInputOpen = false)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"the app to start was not built: {assembly}", assembly);
        }

        return StartProgram(DotnetHost, [assembly, .. arguments], environment, input, keepInputOpen);
    }

    /// <summary>Starts the program <paramref name="fileName"/>; see <see cref="Start"/>.</summary>
    public static ToolProcess StartProgram(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? input = null, bool keepInputOpen = false, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        var words = arguments.ToList();
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = s_utf8,
            StandardOutputEncoding = s_utf8,
            StandardErrorEncoding = s_utf8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        var shown = $"{Path.GetFileName(fileName)} {string.Join(' ', words)}";
        if (OperatingSystem.IsLinux())
        {
            // A test runner started in the background may ignore SIGINT, and children inherit that;
            // env restores the default so a test can interrupt the process as a terminal would.
            info.FileName = "/usr/bin/env";
            info.ArgumentList.Add("--default-signal=INT,TERM");
            info.ArgumentList.Add(fileName);
        }
        else
        {
            info.FileName = fileName;
        }

        foreach (var argument in words)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MULTICAST_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var started = new ToolProcess(process, shown);
        if (!keepInputOpen)
        {
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
        }

        return started;
    }

    /// <summary>The <c>dotnet</c> host that runs the tests (so the same runtime runs the tool).</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>The folder of the .NET installation that runs the tests (an apphost's <c>DOTNET_ROOT</c>).</summary>
    /// <remarks>The runtime's own folder is <c>ROOT/shared/Microsoft.NETCore.App/VERSION/</c>.</remarks>
    public static string DotnetRoot =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>
    /// How long a wait that includes starting a .NET process may take: the runtime's start takes
    /// 0.1 s on an idle machine and many seconds on a loaded one (CI, parallel builds).
    /// </summary>
    public static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the process to exit and its streams to end (within <see cref="StartupDeadline"/> by default); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? within = null)
    {
        using var deadline = Deadline.Start(within ?? StartupDeadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            await Task.WhenAll(Output.Completion, Error.Completion).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"deadline passed waiting for '{Name}' to exit; stdout: {Output.Text}; stderr: {Error.Text}");
        }

        return _process.ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>...) to the process, as <c>kill -s</c> does.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", signal, Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start kill");
        using var deadline = Deadline.Start();
        await kill.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {Id} failed with {kill.ExitCode}");
        }
    }

    /// <summary>Both streams so far, for a failing assertion's message.</summary>
    public string Transcript => $"stdout:\n{Output.Text}\nstderr:\n{Error.Text}";

    /// <summary>Kills the process and its children if they still run, and reaps them.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var deadline = Deadline.Start();
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>Kills the process and its children if they still run, reaps them, and frees the handle.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }
}
