using System.Text.Json;

namespace Integry.Sdk.Passthrough;

/// <summary>Reads and checks the <c>{method, url, body}</c> of a passthrough call, before any credential is looked up.</summary>
internal static class PassthroughArguments
{
    public const string MethodName = "method";
    public const string UrlName = "url";
    public const string BodyName = "body";
    public const string Required = "This parameter is required and must not be null or empty";

    private static readonly string[] AllowedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public static string AllowedMethodList => string.Join(", ", AllowedMethods);

    /// <summary>Reads and checks the arguments; every problem is reported against its parameter, as Integry does.</summary>
    /// <returns>The request, its URL checked for form only (absolute or relative), or <see langword="null"/> with the errors.</returns>
    public static PassthroughRequest? Parse(JsonElement arguments, PassthroughOptions options, out Dictionary<string, string>? errors)
    {
        errors = null;
        HttpMethod? method = null;
        string? url = null;
        JsonElement? body = null;

        if (!arguments.TryGetProperty(MethodName, out var methodElement) || IsEmpty(methodElement))
        {
            Add(ref errors, MethodName, Required);
        }
        else if (methodElement.ValueKind != JsonValueKind.String)
        {
            Add(ref errors, MethodName, $"Must be a string, one of {AllowedMethodList}.");
        }
        else
        {
            var text = methodElement.GetString()!.Trim().ToUpperInvariant();
            if (Array.IndexOf(AllowedMethods, text) < 0)
            {
                Add(ref errors, MethodName, $"'{Shorten(methodElement.GetString()!)}' is not supported: use one of {AllowedMethodList}.");
            }
            else
            {
                method = HttpMethod.Parse(text);
            }
        }

        if (!arguments.TryGetProperty(UrlName, out var urlElement) || IsEmpty(urlElement))
        {
            Add(ref errors, UrlName, Required);
        }
        else if (urlElement.ValueKind != JsonValueKind.String)
        {
            Add(ref errors, UrlName, "Must be a string: an absolute https URL on the app's host, or a path relative to the app's base URL.");
        }
        else if (CheckUrlForm(urlElement.GetString()!, options.MaxUrlLength) is { } problem)
        {
            Add(ref errors, UrlName, problem);
        }
        else
        {
            url = urlElement.GetString()!.Trim();
        }

        if (arguments.TryGetProperty(BodyName, out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
        {
            if (bodyElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                Add(ref errors, BodyName, $"Must be a JSON object or array, not {bodyElement.ValueKind.ToString().ToLowerInvariant()}.");
            }
            else if (System.Text.Encoding.UTF8.GetByteCount(bodyElement.GetRawText()) > options.MaxRequestBodyBytes)
            {
                Add(ref errors, BodyName, $"Must be at most {options.MaxRequestBodyBytes} bytes (PassthroughOptions.MaxRequestBodyBytes).");
            }
            else
            {
                body = bodyElement;
            }
        }

        return errors is null ? new PassthroughRequest(method!, url!, body) : null;
    }

    private static string? CheckUrlForm(string url, int maxLength)
    {
        if (url.Length > maxLength)
        {
            return $"Must be at most {maxLength} characters long; it has {url.Length}.";
        }

        var trimmed = url.Trim();
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

        if (trimmed.Contains('#', StringComparison.Ordinal))
        {
            return "Must not contain a fragment ('#'): fragments are never sent to a server.";
        }

        if (trimmed.Contains('\\', StringComparison.Ordinal))
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

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
