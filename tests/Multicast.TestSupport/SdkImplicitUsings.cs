namespace Multicast.TestSupport;

/// <summary>
/// The global usings the .NET SDK generates for a console app or a library with ImplicitUsings on
/// (into obj/), for code the tests compile themselves with Roslyn: the layering rules and the
/// documentation's blocks.
/// </summary>
public static class SdkImplicitUsings
{
    public const string Source = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
