namespace Integry.Sdk;

/// <summary>
/// Quotes text a caller or an app gave (a name, a path segment, a body) in a message at a bounded length: a rejection or
/// an exception stays readable whatever was sent, and a cut never splits a surrogate pair.
/// </summary>
internal static class Excerpt
{
    /// <summary>Returns <paramref name="text"/>, or its first <paramref name="maxLength"/> characters and an ellipsis.</summary>
    public static string Of(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
