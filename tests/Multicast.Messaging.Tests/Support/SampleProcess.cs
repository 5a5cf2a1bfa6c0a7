using Multicast.TestSupport;

namespace Multicast.Messaging.Tests.Support;

/// <summary>Starts the messaging sample (built beside the tests) as a real child process, on the one process fixture.</summary>
internal static class SampleProcess
{
    /// <summary>Starts <c>messaging-sample ARGS</c>.</summary>
    public static ToolProcess Start(params string[] arguments) => StartWith(null, arguments);

    /// <summary>Starts <c>messaging-sample ARGS</c> with extra environment variables (a heap limit, say).</summary>
    public static ToolProcess StartWith(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["DOTNET_NOLOGO"] = "1" };
        return ToolProcess.Start(Path.Combine(AppContext.BaseDirectory, "messaging-sample.dll"), arguments, variables);
    }
}
