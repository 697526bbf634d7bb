using System.Text;
using System.Text.Json;

namespace Integry.Sdk.Testing;

/// <summary>A request a <see cref="FakeApp"/> received, as it arrived on the socket.</summary>
public sealed class FakeRequest
{
    internal FakeRequest(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body, IReadOnlyDictionary<string, string> routeValues)
    {
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        RouteValues = routeValues;
    }

    /// <summary>Gets the HTTP method, such as <c>GET</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the path, such as <c>/contacts/7</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the query string with its leading <c>?</c>, or an empty string.</summary>
    public string Query { get; }

    /// <summary>Gets the path and query, such as <c>/contacts?limit=1</c>.</summary>
    public string PathAndQuery => Path + Query;

    /// <summary>Gets the headers (case-insensitive names; repeated headers joined with <c>, </c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the body's bytes (empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets the values of the route template's parameters, such as <c>id</c> for <c>/contacts/{id}</c>.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>Gets the body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>Gets the token of an <c>Authorization: Bearer</c> header, or <see langword="null"/>.</summary>
    public string? BearerToken =>
        Headers.TryGetValue("Authorization", out var value) && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..] : null;

    /// <summary>Reads the body as JSON.</summary>
    /// <returns>The JSON value.</returns>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public JsonElement ReadJson()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {PathAndQuery}";
}
