using System.Text.Json;
using System.Buffers;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk;

/// <summary>A request to an app's API, to be sent with the user's credentials: the arguments of <c>&lt;app&gt;-passthrough-request</c>.</summary>
public sealed class PassthroughRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">An absolute https URL on the app's host, or a path relative to the app's base URL.</param>
    /// <param name="body">The JSON body, if any.</param>
    public PassthroughRequest(HttpMethod method, string url, JsonElement? body = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        Method = method;
        Url = url;
        Body = body;
    }

    /// <summary>Gets the HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>Gets the URL: absolute on the app's host, or relative to its base URL.</summary>
    public string Url { get; }

    /// <summary>Gets the JSON body, or <see langword="null"/> for none.</summary>
    public JsonElement? Body { get; }

    /// <summary>A GET request.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Get(string url) => new(HttpMethod.Get, url);

    /// <summary>A POST request with a JSON body.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="body">The body.</param>
    /// <returns>The request.</returns>
    public static PassthroughRequest Post(string url, JsonElement body) => new(HttpMethod.Post, url, body);

    internal JsonElement ToArguments()
    {
        var buffer = new ArrayBufferWriter<byte>(Url.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(PassthroughArguments.MethodName, Method.Method);
            writer.WriteString(PassthroughArguments.UrlName, Url);
            if (Body is { } body)
            {
                writer.WritePropertyName(PassthroughArguments.BodyName);
                body.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
