using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Support;

/// <summary>Starts the messaging sample (built beside the tests) as a real child process, on the one process fixture.</summary>
internal static class SampleProcess
{
    /// <summary>Starts <c>messaging-sample ARGS</c>.</summary>
    public static ToolProcess Start(params string[] arguments) =>
        ToolProcess.Start(Path.Combine(AppContext.BaseDirectory, "messaging-sample.dll"), arguments, new Dictionary<string, string?> { ["DOTNET_NOLOGO"] = "1" });
}
