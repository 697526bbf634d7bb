using System.Diagnostics.CodeAnalysis;

namespace Integry.Sdk;

/// <summary>Integry's naming of passthrough functions: <c>&lt;app&gt;-passthrough-request</c>.</summary>
internal static class PassthroughFunctionName
{
    public const string Suffix = "-passthrough-request";

    public static string For(string app) => app + Suffix;

    public static bool TryGetApp(string functionName, [NotNullWhen(true)] out string? app)
    {
        if (functionName.Length > Suffix.Length && functionName.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            app = functionName[..^Suffix.Length];
            return true;
        }

        app = null;
        return false;
    }
}
