using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Passthrough;

/// <summary>Reads an onward response into <c>output</c> the way Integry shows it: JSON as it came, text as a string, bytes as base64.</summary>
internal static class ResponseReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonElement EmptyString = JsonSerializer.SerializeToElement(string.Empty, IntegryJsonContext.Default.String);

    /// <summary>Reads the whole body, failing as soon as it grows past <paramref name="maxBytes"/> (after decompression).</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>(content.Headers.ContentLength is { } length and > 0 and < 1024 * 1024 ? (int)length : 16 * 1024);
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes);
                }
            }
        }
    }

    public static JsonElement ToOutput(byte[] body, MediaTypeHeaderValue? contentType)
    {
        if (body.Length == 0)
        {
            return EmptyString;
        }

        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        if (mediaType is null || IsJson(mediaType))
        {
            var utf8 = IsUtf8(contentType?.CharSet) ? body : Encoding.UTF8.GetBytes(ResolveEncoding(contentType?.CharSet).GetString(body));
            if (TryParseJson(utf8, out var json))
            {
                return json;
            }
        }

        if (mediaType is null || IsText(mediaType) || IsJson(mediaType))
        {
            if (TryDecode(body, contentType?.CharSet, strict: mediaType is null, out var text))
            {
                return JsonSerializer.SerializeToElement(text, IntegryJsonContext.Default.String);
            }
        }

        return JsonSerializer.SerializeToElement(Convert.ToBase64String(body), IntegryJsonContext.Default.String);
    }

    public static Dictionary<string, IReadOnlyList<string>> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.NonValidated)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        foreach (var header in response.Content.Headers.NonValidated)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        return headers;
    }

    private static bool TryParseJson(byte[] body, out JsonElement json)
    {
        try
        {
            // The element keeps the original bytes: numbers of any size and exact text survive.
            using var document = JsonDocument.Parse(body);
            json = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            json = default;
            return false;
        }
    }

    private static bool TryDecode(byte[] body, string? charset, bool strict, out string text)
    {
        // Without a declared type only valid UTF-8 counts as text; anything else is binary.
        var encoding = strict ? StrictUtf8 : ResolveEncoding(charset);
        try
        {
            text = encoding.GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static Encoding ResolveEncoding(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return Encoding.UTF8;
        }

        var name = charset.Trim('"', ' ');
        try
        {
            // Code pages are asked of the provider directly, so the process-wide encoding registry stays untouched.
            return CodePagesEncodingProvider.Instance.GetEncoding(name) ?? Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private static bool IsUtf8(string? charset) =>
        string.IsNullOrWhiteSpace(charset) || charset.Trim('"', ' ').Replace("-", string.Empty, StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string mediaType) =>
        mediaType is "application/json" or "text/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static bool IsText(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.Ordinal)
        || mediaType is "application/xml" or "application/x-www-form-urlencoded" or "application/javascript" or "application/ecmascript"
        || mediaType.EndsWith("+xml", StringComparison.Ordinal);
}

/// <summary>The onward response was larger than <see cref="PassthroughOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException(long maxBytes)
    : Exception($"The response is larger than {maxBytes} bytes (PassthroughOptions.MaxResponseBytes).");
