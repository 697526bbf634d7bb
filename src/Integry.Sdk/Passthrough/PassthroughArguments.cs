using System.Text.Json;

namespace Integry.Sdk.Passthrough;

/// <summary>Reads and checks the <c>{method, url, body}</c> of a passthrough call, before any credential is looked up.</summary>
internal static class PassthroughArguments
{
    public const string MethodName = "method";
    public const string UrlName = "url";
    public const string BodyName = "body";
    public const string Required = "This parameter is required and must not be null or empty";

    // The names above in UTF-8, for looking them up in the arguments without transcoding them on every call.
    private static ReadOnlySpan<byte> MethodUtf8 => "method"u8;

    private static ReadOnlySpan<byte> UrlUtf8 => "url"u8;

    private static ReadOnlySpan<byte> BodyUtf8 => "body"u8;

    private static readonly HttpMethod[] AllowedMethods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, HttpMethod.Head, HttpMethod.Options];

    public static string AllowedMethodList => string.Join(", ", AllowedMethods.Select(method => method.Method));

    /// <summary>Reads and checks the arguments; every problem is reported against its parameter, as Integry does.</summary>
    /// <returns>The request, its URL checked for form only (absolute or relative), or <see langword="null"/> with the errors.</returns>
    /// <param name="arguments">The arguments object.</param>
    /// <param name="options">The limits.</param>
    /// <param name="errors">The problems, per parameter.</param>
    /// <param name="duplicatesChecked">Whether these very arguments were already checked for duplicate keys (by <see cref="AmbiguousInput"/>).</param>
    public static PassthroughRequest? Parse(JsonElement arguments, PassthroughOptions options, out Dictionary<string, string>? errors, bool duplicatesChecked = false)
    {
        errors = null;
        HttpMethod? method = null;
        string? url = null;
        JsonElement? body = null;

        // A key given twice is a parser differential: whatever checked the first value upstream is bypassed by the last.
        // Nothing is guessed: the parameter that holds the duplicate is rejected.
        if (!duplicatesChecked)
        {
            foreach (var parameter in DuplicateKeys.FindIn(arguments))
            {
                Add(ref errors, parameter.Name, parameter.Message);
            }
        }

        if (errors?.ContainsKey(MethodName) != true)
        {
            method = ReadMethod(arguments, ref errors);
        }

        if (errors?.ContainsKey(UrlName) != true)
        {
            url = ReadUrl(arguments, options, ref errors);
        }

        if (errors?.ContainsKey(BodyName) != true)
        {
            body = ReadBody(arguments, options, ref errors);
        }

        return errors is null ? new PassthroughRequest(method!, url!, body) : null;
    }

    // A loop, not a lambda: a closure over the text would be allocated on every call, fast path included.
    private static HttpMethod? AllowedMethod(string text)
    {
        foreach (var method in AllowedMethods)
        {
            if (method.Method == text)
            {
                return method;
            }
        }

        return null;
    }

    private static HttpMethod? ReadMethod(JsonElement arguments, ref Dictionary<string, string>? errors)
    {
        // Absent, the element is undefined: IsEmpty below reports it as required.
        arguments.TryGetProperty(MethodUtf8, out var element);
        if (element.ValueKind == JsonValueKind.String)
        {
            // The usual case, a method written exactly, is compared in place: no string per call.
            foreach (var known in AllowedMethods)
            {
                if (element.ValueEquals(known.Method))
                {
                    return known;
                }
            }
        }

        // The text is read once: IsEmpty on the element would read (and allocate) it a second time.
        var given = element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        if (given is null ? IsEmpty(element) : string.IsNullOrWhiteSpace(given))
        {
            Add(ref errors, MethodName, Required);
            return null;
        }

        if (given is null)
        {
            Add(ref errors, MethodName, $"Must be a string, one of {AllowedMethodList}.");
            return null;
        }

        if (given.Length != given.Trim().Length)
        {
            Add(ref errors, MethodName, $"Must not have white space around it: write one of {AllowedMethodList} exactly.");
            return null;
        }

        var text = given.ToUpperInvariant();
        if (AllowedMethod(text) is not { } allowed)
        {
            Add(ref errors, MethodName, $"'{Excerpt.Of(given, 20)}' is not supported: use one of {AllowedMethodList}.");
            return null;
        }

        return allowed;
    }

    private static string? ReadUrl(JsonElement arguments, PassthroughOptions options, ref Dictionary<string, string>? errors)
    {
        var url = arguments.TryGetProperty(UrlUtf8, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString()! : null;
        if (url is null ? IsEmpty(element) : string.IsNullOrWhiteSpace(url))
        {
            Add(ref errors, UrlName, Required);
            return null;
        }

        if (url is null)
        {
            Add(ref errors, UrlName, "Must be a string: an absolute https URL on the app's host, or a path relative to the app's base URL.");
            return null;
        }

        if (CheckUrlForm(url, options.MaxUrlLength) is { } problem)
        {
            Add(ref errors, UrlName, problem);
            return null;
        }

        return url;
    }

    private static JsonElement? ReadBody(JsonElement arguments, PassthroughOptions options, ref Dictionary<string, string>? errors)
    {
        if (!arguments.TryGetProperty(BodyUtf8, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            Add(ref errors, BodyName, $"Must be a JSON object or array, not {element.ValueKind.ToString().ToLowerInvariant()}.");
            return null;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(element.GetRawText()) > options.MaxRequestBodyBytes)
        {
            Add(ref errors, BodyName, $"Must be at most {options.MaxRequestBodyBytes} bytes (PassthroughOptions.MaxRequestBodyBytes).");
            return null;
        }

        return element;
    }

    private static string? CheckUrlForm(string url, int maxLength)
    {
        if (url.Length > maxLength)
        {
            return $"Must be at most {maxLength} characters long; it has {url.Length}.";
        }

        if (url.AsSpan().IndexOfAnyExceptInRange('!', '~') < 0)
        {
            // Printable ASCII only (the usual URL): no white space or control character anywhere, one vectorized search.
            return FragmentOrBackslashProblem(url);
        }

        if (url.Length != url.Trim().Length)
        {
            return "Must not have white space around it.";
        }

        var trimmed = url;
        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                return "Must not contain control characters such as CR or LF.";
            }

            if (char.IsWhiteSpace(c))
            {
                return "Must not contain white space; percent-encode it.";
            }
        }

        return FragmentOrBackslashProblem(trimmed);
    }

    private static string? FragmentOrBackslashProblem(string url)
    {
        if (url.Contains('#', StringComparison.Ordinal))
        {
            return "Must not contain a fragment ('#'): fragments are never sent to a server.";
        }

        if (url.Contains('\\', StringComparison.Ordinal))
        {
            return "Must not contain '\\'.";
        }

        return null;
    }

    private static bool IsEmpty(JsonElement element) =>
        element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (element.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(element.GetString()));

    private static void Add(ref Dictionary<string, string>? errors, string name, string message) =>
        (errors ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = message;
}
