namespace Integry.Sdk;

/// <summary>Checks function names before anything is sent: a name is one path segment of Integry's URL.</summary>
internal static class FunctionNames
{
    /// <summary>The parameter a name problem is reported against in a rejection's <c>error_details</c>.</summary>
    public const string ParameterName = "functionName";

    /// <summary>The printable ASCII characters no function name may hold: they would end or escape its URL segment.</summary>
    private static readonly System.Buffers.SearchValues<char> NotInAnyName = System.Buffers.SearchValues.Create("/\\?#");

    /// <summary>The characters of a passthrough function's exact name: lower-case ASCII letters, digits, '-', '_' and '.'.</summary>
    private static readonly System.Buffers.SearchValues<char> ExactFormCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>
    /// Says why a name that reads as a passthrough function is not in Integry's exact form (<c>slack-passthrough-request</c>:
    /// a lower-case slug and the lower-case suffix), or returns <see langword="null"/>. <c>SLACK-PASSTHROUGH-REQUEST</c> is
    /// not guessed to mean <c>slack-passthrough-request</c>: Integry does not know it, and a check made upstream on the
    /// exact name would be bypassed.
    /// </summary>
    public static string? ExactFormProblem(string functionName)
    {
        if (!PassthroughFunctionName.IsPassthrough(functionName))
        {
            return null;
        }

        if (functionName.AsSpan().IndexOfAnyExcept(ExactFormCharacters) >= 0)
        {
            return $"Must be written exactly as Integry names it, in lower case: '<app>{PassthroughFunctionName.Suffix}', such as 'slack{PassthroughFunctionName.Suffix}'.";
        }

        return char.IsAsciiLetterOrDigit(functionName[0]) ? null : $"Must start with the app's slug: '<app>{PassthroughFunctionName.Suffix}'.";
    }

    /// <summary>The longest name, in UTF-8 bytes, that can name a function or an app: a name is one segment of Integry's
    /// URL, and a longer one is no function (Integry's server would refuse the URL as too long, after it was sent).</summary>
    public const int MaxLength = 512;

    /// <summary>How much of a refused name a message quotes.</summary>
    private const int QuotedLength = 200;

    /// <summary>
    /// Whether a name is too long to name any function or app: such a name is not found, as Integry would answer for a
    /// name it does not know, without being sent.
    /// </summary>
    public static bool IsLongerThanAny(string name) =>
        name.Length > MaxLength || (name.Length > MaxLength / 3 && System.Text.Encoding.UTF8.GetByteCount(name) > MaxLength);

    public static void Validate(string functionName, string parameterName = "functionName")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName, parameterName);
        // Printable ASCII without a separator (every usual name) needs no check per character: two vectorized searches.
        var plain = functionName.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0 && functionName.AsSpan().IndexOfAny(NotInAnyName) < 0;
        foreach (var c in plain ? [] : functionName.AsSpan())
        {
            if (c is '/' or '\\' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException(
                    $"'{Excerpt.Of(functionName, QuotedLength)}' is not a function name: it contains '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString())}'. Function names are single words such as 'slack-post-message'; list them with ListFunctionsAsync.",
                    parameterName);
            }
        }

        if (functionName is "." or "..")
        {
            throw new ArgumentException($"'{functionName}' is not a function name.", parameterName);
        }
    }
}
