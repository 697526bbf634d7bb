using System.Diagnostics.CodeAnalysis;

namespace Integry.Sdk;

/// <summary>Integry's naming of passthrough functions: <c>&lt;app&gt;-passthrough-request</c>.</summary>
internal static class PassthroughFunctionName
{
    public const string Suffix = "-passthrough-request";

    public static string For(string app) => app + Suffix;

    /// <summary>Whether the name is a passthrough function's, without cutting the app out of it.</summary>
    public static bool IsPassthrough(string functionName) =>
        functionName.Length > Suffix.Length && functionName.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The app's part of a passthrough function's name, as a slice of it: no new string on the call path.</summary>
    public static bool TryGetAppSpan(string functionName, out ReadOnlySpan<char> app)
    {
        app = IsPassthrough(functionName) ? functionName.AsSpan(0, functionName.Length - Suffix.Length) : default;
        return !app.IsEmpty;
    }

    public static bool TryGetApp(string functionName, [NotNullWhen(true)] out string? app)
    {
        if (IsPassthrough(functionName))
        {
            app = functionName[..^Suffix.Length];
            return true;
        }

        app = null;
        return false;
    }
}
