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

    /// <summary>Reads the whole body into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, failing as soon as it grows
    /// past <paramref name="maxBytes"/> (after decompression). The caller gives the buffer back with <see cref="Return"/>.</summary>
    public static async Task<(byte[] Rented, int Length)> ReadBodyAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte more than the declared length, so the read that finds the end needs no larger buffer.
            var buffer = ArrayPool<byte>.Shared.Rent(content.Headers.ContentLength is { } length and < 1024 * 1024 * 1024 ? (int)length + 1 : 16 * 1024);
            var written = 0;
            try
            {
                while (true)
                {
                    if (written == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                        buffer.AsSpan(0, written).CopyTo(larger);
                        Return(buffer, written);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(written), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, written);
                    }

                    written += read;
                    if (written > maxBytes)
                    {
                        throw new ResponseTooLargeException(maxBytes);
                    }
                }
            }
            catch
            {
                Return(buffer, written);
                throw;
            }
        }
    }

    /// <summary>Gives a body buffer back to the pool, wiped first: a user's data must not linger where other code rents next.</summary>
    public static void Return(byte[] buffer, int length)
    {
        buffer.AsSpan(0, Math.Min(length, buffer.Length)).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    public static JsonElement ToOutput(ReadOnlyMemory<byte> body, MediaTypeHeaderValue? contentType)
    {
        if (body.Length == 0)
        {
            return EmptyString;
        }

        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        if (mediaType is null || IsJson(mediaType))
        {
            var utf8 = IsUtf8(contentType?.CharSet) ? body : Encoding.UTF8.GetBytes(ResolveEncoding(contentType?.CharSet).GetString(body.Span));
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

        return JsonSerializer.SerializeToElement(Convert.ToBase64String(body.Span), IntegryJsonContext.Default.String);
    }

    private static bool TryParseJson(ReadOnlyMemory<byte> body, out JsonElement json)
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

    private static bool TryDecode(ReadOnlyMemory<byte> body, string? charset, bool strict, out string text)
    {
        // Without a declared type only valid UTF-8 counts as text; anything else is binary.
        var encoding = strict ? StrictUtf8 : ResolveEncoding(charset);
        try
        {
            text = encoding.GetString(body.Span);
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
