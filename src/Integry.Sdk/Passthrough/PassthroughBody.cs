using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Integry.Sdk;

/// <summary>
/// The body of a <see cref="PassthroughRequest"/>: JSON (sent byte for byte as given), form fields, raw bytes with a
/// content type, or multipart form data. The bytes are fixed when the body is built, so every retry and every redirect
/// that keeps the body sends exactly the same bytes.
/// </summary>
/// <remarks>Integry's own API carries only JSON bodies; the other kinds need the local executor (<see cref="PassthroughExecutor"/>).</remarks>
public sealed class PassthroughBody
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string FormContentType = "application/x-www-form-urlencoded";

    private readonly byte[] _content;

    private PassthroughBody(PassthroughBodyKind kind, byte[] content, string contentType, JsonElement? json)
    {
        Kind = kind;
        _content = content;
        ContentType = contentType;
        JsonValue = json;
    }

    /// <summary>Gets what kind of body this is.</summary>
    public PassthroughBodyKind Kind { get; }

    /// <summary>Gets the <c>Content-Type</c> header value sent with the body.</summary>
    public string ContentType { get; }

    /// <summary>Gets the number of bytes sent.</summary>
    public int Length => _content.Length;

    /// <summary>Gets the bytes sent.</summary>
    public ReadOnlyMemory<byte> Content => _content;

    /// <summary>Gets the JSON value of a <see cref="PassthroughBodyKind.Json"/> body, or <see langword="null"/> for the other kinds.</summary>
    public JsonElement? JsonValue { get; }

    /// <summary>Converts a JSON value to a JSON body.</summary>
    /// <param name="json">The JSON value.</param>
    public static implicit operator PassthroughBody(JsonElement json) => Json(json);

    /// <summary>A JSON body, sent exactly as the element's original text (big numbers, escapes and spacing survive).</summary>
    /// <param name="json">An object or an array.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentException">The value is not a JSON object or array.</exception>
    public static PassthroughBody Json(JsonElement json)
    {
        if (json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new ArgumentException($"A JSON body must be an object or an array, not {json.ValueKind}.", nameof(json));
        }

        // GetRawText is the element's own text: no re-serialisation, so "\u00e9", "\/" and 1e400 reach the app as written.
        return new PassthroughBody(PassthroughBodyKind.Json, Encoding.UTF8.GetBytes(json.GetRawText()), JsonContentType, json.Clone());
    }

    /// <summary>A JSON body given as text, sent byte for byte as written.</summary>
    /// <param name="json">The JSON text of an object or an array.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentException">The text is not one JSON object or array.</exception>
    public static PassthroughBody Json(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            element = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The JSON body is not valid JSON: {exception.Message}", nameof(json), exception);
        }

        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new ArgumentException($"A JSON body must be an object or an array, not {element.ValueKind}.", nameof(json));
        }

        return new PassthroughBody(PassthroughBodyKind.Json, Encoding.UTF8.GetBytes(json), JsonContentType, element);
    }

    /// <summary>An <c>application/x-www-form-urlencoded</c> body (Stripe's, Twilio's), fields in the order given.</summary>
    /// <param name="fields">The fields; a name may repeat. Names such as <c>metadata[order]</c> are sent as written (escaped).</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentException">A field name is empty, or a name or value is <see langword="null"/>.</exception>
    public static PassthroughBody Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var list = fields.ToList();
        foreach (var (name, value) in list)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A form field needs a name.", nameof(fields));
            }

            if (value is null)
            {
                throw new ArgumentException($"The form field '{name}' has a null value; send an empty string or leave the field out.", nameof(fields));
            }
        }

        // The framework's encoder: spaces become '+', everything outside the unreserved set is percent-encoded (UTF-8).
        using var content = new FormUrlEncodedContent(list);
        return new PassthroughBody(PassthroughBodyKind.Form, Render(content), FormContentType, null);
    }

    /// <summary>A body of raw bytes with its content type, such as a file upload (<c>image/png</c>) or XML.</summary>
    /// <param name="content">The bytes; they are copied.</param>
    /// <param name="contentType">The <c>Content-Type</c> header value, such as <c>text/csv; charset=utf-8</c>.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentException">The content type is not a valid media type.</exception>
    public static PassthroughBody Bytes(ReadOnlySpan<byte> content, string contentType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || contentType.Any(char.IsControl))
        {
            throw new ArgumentException($"'{contentType}' is not a valid media type such as 'application/octet-stream'.", nameof(contentType));
        }

        return new PassthroughBody(PassthroughBodyKind.Bytes, content.ToArray(), parsed.ToString(), null);
    }

    /// <summary>A <c>multipart/form-data</c> body of text fields and files.</summary>
    /// <param name="parts">The parts, in order.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ArgumentException">There are no parts.</exception>
    public static PassthroughBody Multipart(IEnumerable<PassthroughPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0 || list.Any(part => part is null))
        {
            throw new ArgumentException("A multipart body needs at least one part, and no null parts.", nameof(parts));
        }

        // The framework's writer, with its random boundary fixed once: retries and redirects resend the same bytes.
        using var content = new MultipartFormDataContent { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };
        foreach (var part in list)
        {
            content.Add(part.ToContent());
        }

        return new PassthroughBody(PassthroughBodyKind.Multipart, Render(content), content.Headers.ContentType!.ToString(), null);
    }

    internal byte[] GetBytes() => _content;

    private static byte[] Render(HttpContent content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer, null, CancellationToken.None);
        return buffer.ToArray();
    }
}
