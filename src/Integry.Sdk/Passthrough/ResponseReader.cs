using System.Runtime.CompilerServices;
using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Passthrough;

/// <summary>Reads an onward response into <c>output</c> the way Integry shows it: JSON as it came, text as a string, bytes as base64.</summary>
internal static class ResponseReader
{
    private static readonly char[] QuotesAndSpaces = ['"', ' '];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonElement EmptyString = JsonSerializer.SerializeToElement(string.Empty, IntegryJsonContext.Default.String);

    private static readonly AsyncLocal<ArrayPool<byte>?> PoolOverrideOfFlow = new();

    // Set once a test has given a pool of its own: until then no call pays the async-local lookup.
    private static volatile bool s_poolOverridden;

    /// <summary>Gets or sets a test's own pool for the calls of its async flow (to count what is rented and given back);
    /// <see langword="null"/>: the shared pool.</summary>
    internal static ArrayPool<byte>? PoolOverride
    {
        get => s_poolOverridden ? PoolOverrideOfFlow.Value : null;
        set
        {
            s_poolOverridden = true;
            PoolOverrideOfFlow.Value = value;
        }
    }

    private static ArrayPool<byte> Pool => PoolOverride ?? ArrayPool<byte>.Shared;

    /// <summary>Reads the whole body into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, failing as soon as it grows
    /// past <paramref name="maxBytes"/> (after decompression). The caller gives the buffer back with <see cref="Return"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<(byte[] Rented, int Length, ArrayPool<byte> Pool)> ReadBodyAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // One byte more than the declared length, so the read that finds the end needs no larger buffer.
            var pool = Pool;
            var buffer = pool.Rent(content.Headers.ContentLength is { } length and < 1024 * 1024 * 1024 ? (int)length + 1 : 16 * 1024);
            var written = 0;
            try
            {
                while (true)
                {
                    if (written == buffer.Length)
                    {
                        var larger = pool.Rent((int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
                        buffer.AsSpan(0, written).CopyTo(larger);
                        Return(pool, buffer, written);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(written), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, written, pool);
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
                Return(pool, buffer, written);
                throw;
            }
        }
    }

    /// <summary>Gives a body buffer back to the pool, wiped first: a user's data must not linger where other code rents next.</summary>
    public static void Return(ArrayPool<byte> pool, byte[] buffer, int length)
    {
        buffer.AsSpan(0, Math.Min(length, buffer.Length)).Clear();
        pool.Return(buffer);
    }

    public static JsonElement ToOutput(ReadOnlyMemory<byte> body, MediaTypeHeaderValue? contentType)
    {
        if (body.Length == 0)
        {
            return EmptyString;
        }

        // A byte order mark decides the encoding whatever the header says (as browsers do), and is not part of the text.
        // Compared without case rather than lower-cased: no string per call.
        var mediaType = contentType?.MediaType;
        var (bomEncoding, bomLength) = DetectByteOrderMark(body.Span);
        var encoding = bomEncoding ?? ResolveEncoding(contentType?.CharSet);
        var content = body[bomLength..];
        if (mediaType is null || IsJson(mediaType))
        {
            var utf8 = encoding is UTF8Encoding ? content : TryTranscode(content, encoding);
            if (utf8 is { } json && TryParseJson(json, out var parsed))
            {
                return parsed;
            }
        }

        if (mediaType is null || IsText(mediaType) || IsJson(mediaType))
        {
            // Without a declared type (and no byte order mark) only valid UTF-8 counts as text; anything else is binary.
            if (TryDecode(content, mediaType is null && bomEncoding is null ? StrictUtf8 : encoding, out var text))
            {
                return JsonSerializer.SerializeToElement(text, IntegryJsonContext.Default.String);
            }
        }

        return JsonSerializer.SerializeToElement(Convert.ToBase64String(body.Span), IntegryJsonContext.Default.String);
    }

    /// <summary>Finds a UTF-8, UTF-16 or UTF-32 byte order mark (UTF-32 LE before UTF-16 LE: it starts with the same two bytes).</summary>
    internal static (Encoding? Encoding, int Length) DetectByteOrderMark(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    private static ReadOnlyMemory<byte>? TryTranscode(ReadOnlyMemory<byte> content, Encoding encoding)
    {
        try
        {
            var strict = (Encoding)encoding.Clone();
            strict.DecoderFallback = DecoderFallback.ExceptionFallback;
            return Encoding.UTF8.GetBytes(strict.GetString(content.Span));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
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

    private static bool TryDecode(ReadOnlyMemory<byte> body, Encoding encoding, out string text)
    {
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

        var name = charset.Trim(QuotesAndSpaces);
        if (name.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            // The usual charset, answered without asking the encoding registry by name on every call.
            return Encoding.UTF8;
        }

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

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static bool IsText(string mediaType) =>
        mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/ecmascript", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The onward response was larger than <see cref="PassthroughOptions.MaxResponseBytes"/>.</summary>
internal sealed class ResponseTooLargeException(long maxBytes)
    : Exception($"The response is larger than {maxBytes} bytes (PassthroughOptions.MaxResponseBytes).");
