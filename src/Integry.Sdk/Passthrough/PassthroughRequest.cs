using System.Buffers;
using System.Text;
using System.Text.Json;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk;

/// <summary>
/// A request to an app's API, to be sent with the user's credentials: the arguments of <c>&lt;app&gt;-passthrough-request</c>,
/// plus what only the local executor can carry (headers, form, raw and multipart bodies).
/// </summary>
/// <remarks>
/// Immutable: <see cref="WithHeader"/>, <see cref="WithQuery(string, string)"/> and <see cref="WithBody"/> return a new request.
/// Integry's own API carries the method, the URL (query included) and a JSON body; a request with headers or another
/// kind of body sent there is rejected (<see cref="Result.Rejected"/>, nothing sent) with a message naming what cannot
/// be carried.
/// </remarks>
public sealed class PassthroughRequest
{
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    /// <summary>Creates a request without a body.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">An absolute https URL on the app's host, or a path relative to the app's base URL.</param>
    /// <exception cref="ArgumentException">The URL is empty.</exception>
    public PassthroughRequest(HttpMethod method, string url)
        : this(method, url, null, NoHeaders)
    {
    }

    /// <summary>Creates a request with a JSON body.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">An absolute https URL on the app's host, or a path relative to the app's base URL.</param>
    /// <param name="body">The JSON body, if any: an object or an array, sent byte for byte as written.</param>
    /// <exception cref="ArgumentException">The URL is empty, or the body is not a JSON object or array.</exception>
    public PassthroughRequest(HttpMethod method, string url, JsonElement? body)
        : this(method, url, body is { } json ? PassthroughBody.Json(json) : null, NoHeaders)
    {
    }

    /// <summary>Creates a request with a body of any kind.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">An absolute https URL on the app's host, or a path relative to the app's base URL.</param>
    /// <param name="body">The body, or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">The URL is empty.</exception>
    public PassthroughRequest(HttpMethod method, string url, PassthroughBody? body)
        : this(method, url, body, NoHeaders)
    {
    }

    private PassthroughRequest(HttpMethod method, string url, PassthroughBody? body, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Method = method;
        Url = url;
        Body = body;
        Headers = headers;
    }

    /// <summary>Gets the HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>Gets the URL: absolute on the app's host, or relative to its base URL, with any query added by <see cref="WithQuery(string, string)"/>.</summary>
    public string Url { get; }

    /// <summary>Gets the body, or <see langword="null"/> for none.</summary>
    public PassthroughBody? Body { get; }

    /// <summary>Gets the caller's headers, in order. They go only to the app's own hosts, never to a foreign redirect.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>A GET request.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Get(string url) => new(HttpMethod.Get, url);

    /// <summary>A DELETE request.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Delete(string url) => new(HttpMethod.Delete, url);

    /// <summary>A POST request with a JSON body, sent byte for byte as the element's text.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="body">The body.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Post(string url, JsonElement body) => new(HttpMethod.Post, url, PassthroughBody.Json(body));

    /// <summary>A POST request with a body of any kind, such as <see cref="PassthroughBody.Form"/>.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="body">The body.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Post(string url, PassthroughBody body) => new(HttpMethod.Post, url, body);

    /// <summary>A PUT request.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="body">The body.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Put(string url, PassthroughBody body) => new(HttpMethod.Put, url, body);

    /// <summary>A PATCH request.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="body">The body.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Patch(string url, PassthroughBody body) => new(HttpMethod.Patch, url, body);

    /// <summary>Returns a copy with one more header. Credential, cookie, host, framing and hop-by-hop headers are refused.</summary>
    /// <param name="name">The header name, such as <c>Accept</c> or <c>X-GitHub-Api-Version</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new request.</returns>
    /// <exception cref="ArgumentException">The header is one the caller may not set (<c>Authorization</c>, <c>Cookie</c>,
    /// <c>Host</c>, <c>Content-Length</c>, <c>Transfer-Encoding</c>, <c>Content-Type</c>, hop-by-hop headers), or the name or
    /// value is malformed.</exception>
    public PassthroughRequest WithHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (PassthroughHeaders.Check(name, value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        return new PassthroughRequest(Method, Url, Body, [.. Headers, new KeyValuePair<string, string>(name, value)]);
    }

    /// <summary>Returns a copy with one more query parameter, name and value percent-encoded (RFC 3986: only unreserved characters stay as they are).</summary>
    /// <param name="name">The parameter name, such as <c>limit</c> or <c>filter[status]</c>.</param>
    /// <param name="value">The value; an empty string sends <c>name=</c>.</param>
    /// <returns>The new request.</returns>
    public PassthroughRequest WithQuery(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return new PassthroughRequest(Method, AppendQuery(Url, name, value), Body, Headers);
    }

    /// <summary>Returns a copy with one more query parameter per value, such as <c>ids=1&amp;ids=2</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The values.</param>
    /// <returns>The new request.</returns>
    public PassthroughRequest WithQuery(string name, IEnumerable<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        var url = Url;
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            url = AppendQuery(url, name, value);
        }

        return new PassthroughRequest(Method, url, Body, Headers);
    }

    /// <summary>Returns a copy with another body.</summary>
    /// <param name="body">The body, or <see langword="null"/> for none.</param>
    /// <returns>The new request.</returns>
    public PassthroughRequest WithBody(PassthroughBody? body) => new(Method, Url, body, Headers);

    /// <summary>Returns a copy with another URL and the same method, body and headers (used to follow pages).</summary>
    internal PassthroughRequest WithUrl(string url) => new(Method, url, Body, Headers);

    /// <summary>Returns this request's headers and body on a method and URL checked by the argument parser.</summary>
    internal PassthroughRequest OnChecked(HttpMethod method, string url) => new(method, url, Body, Headers);

    /// <summary>What Integry's <c>{method, url, body}</c> cannot carry, per parameter; <see langword="null"/> when it carries everything.</summary>
    internal Dictionary<string, string>? RemoteProblems()
    {
        Dictionary<string, string>? problems = null;
        if (Headers.Count > 0)
        {
            (problems ??= new(StringComparer.Ordinal))["headers"] =
                $"Integry's passthrough carries only method, url and a JSON body, not headers ({string.Join(", ", Headers.Select(header => header.Key).Distinct(StringComparer.OrdinalIgnoreCase))}); send them through the local executor (PassthroughExecutor).";
        }

        if (Body is { JsonValue: null } body)
        {
            (problems ??= new(StringComparer.Ordinal))[PassthroughArguments.BodyName] =
                $"Integry's passthrough carries only a JSON body, not {Describe(body.Kind)} ({body.ContentType}); send it through the local executor (PassthroughExecutor).";
        }

        return problems;
    }

    internal FunctionArguments ToArguments() => FunctionArguments.ForPassthrough(ToJsonArguments(), this);

    internal JsonElement ToJsonArguments()
    {
        var buffer = new ArrayBufferWriter<byte>(Url.Length + 64 + (Body?.JsonValue is null ? 0 : Body.Length));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(PassthroughArguments.MethodName, Method.Method);
            writer.WriteString(PassthroughArguments.UrlName, Url);
            if (Body is { JsonValue: not null } body)
            {
                // The body's own bytes, not a re-serialisation: escapes such as "\u00e9" and "\/" and big numbers stay as written.
                writer.WritePropertyName(PassthroughArguments.BodyName);
                writer.WriteRawValue(body.Content.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static string AppendQuery(string url, string name, string value)
    {
        if (url.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The URL has a fragment ('#'); add query parameters to a URL without one.", nameof(url));
        }

        var builder = new StringBuilder(url);
        builder.Append(!url.Contains('?', StringComparison.Ordinal) ? "?" : url.EndsWith('?') || url.EndsWith('&') ? string.Empty : "&");
        builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        return builder.ToString();
    }

    private static string Describe(PassthroughBodyKind kind) => kind switch
    {
        PassthroughBodyKind.Form => "a form body",
        PassthroughBodyKind.Multipart => "a multipart body",
        _ => "a raw body",
    };
}
