using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Follows an app's pages as its <see cref="PaginationDeclaration"/> says: each page's answer gives the next request,
/// until the app says there is no more, a cursor or URL repeats, or <see cref="PaginationOptions.MaxPages"/> is reached.
/// A page that does not look as declared fails with a message that names what was expected, never a loop.
/// </summary>
internal sealed class PaginationEngine
{
    private readonly string _app;
    private readonly PaginationDeclaration _declaration;
    private readonly string? _itemsPath;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _offset;
    private long _page;

    public PaginationEngine(string app, PaginationDeclaration declaration, string? itemsPath)
    {
        _app = app;
        _declaration = declaration;
        _itemsPath = itemsPath;
    }

    public static async IAsyncEnumerable<Result> PagesAsync(
        string app,
        PaginationDeclaration declaration,
        PassthroughRequest first,
        PaginationOptions options,
        Func<PassthroughRequest, CancellationToken, Task<Result>> send,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var engine = new PaginationEngine(app, declaration, options.ItemsPath ?? declaration.ItemsPath);
        var request = engine.Start(first);
        for (var pages = 1; ; pages++)
        {
            var result = await send(request, cancellationToken).ConfigureAwait(false);
            yield return result;

            // A refusal or an error answer ends the listing; the caller has seen it as the last page.
            if (result is not Result.Executed { IsSuccessStatusCode: true } page)
            {
                yield break;
            }

            var next = engine.Next(request, page);
            if (next is null)
            {
                yield break;
            }

            if (pages >= options.MaxPages)
            {
                throw new IntegryException($"{app} has more than {options.MaxPages} pages (PaginationOptions.MaxPages); the listing stopped there rather than end silently with part of the list.");
            }

            request = next;
        }
    }

    /// <summary>Reads the items of one page.</summary>
    public static JsonElement.ArrayEnumerator Items(string app, string itemsPath, Result.Executed page)
    {
        var items = PaginationJsonPointer.Find(page.Output, itemsPath);
        if (items is not { ValueKind: JsonValueKind.Array } array)
        {
            throw Mismatch(app, $"the items at '{itemsPath}' should be an array, but the page has {Describe(items)} there");
        }

        return array.EnumerateArray();
    }

    private PassthroughRequest Start(PassthroughRequest first)
    {
        switch (_declaration.Style)
        {
            case PaginationStyle.Offset:
                _offset = ReadNumber(first.Url, _declaration.OffsetParameter!) ?? 0;
                break;
            case PaginationStyle.PageNumber:
                _page = ReadNumber(first.Url, _declaration.PageParameter!) ?? _declaration.FirstPage;
                break;
        }

        return first;
    }

    private PassthroughRequest? Next(PassthroughRequest current, Result.Executed page)
    {
        if (ReadFlag(page, _declaration.HasMorePath) == false || ReadFlag(page, _declaration.LastPagePath) == true)
        {
            return null;
        }

        var moreDeclared = ReadFlag(page, _declaration.HasMorePath) == true || ReadFlag(page, _declaration.LastPagePath) == false;
        return _declaration.Style switch
        {
            PaginationStyle.Cursor => NextByCursor(current, page, moreDeclared),
            PaginationStyle.NextUrl => NextByUrl(current, ReadText(page, _declaration.NextPath!, moreDeclared)),
            PaginationStyle.LinkHeader => NextByLink(current, page),
            PaginationStyle.Offset => NextByOffset(current, page),
            PaginationStyle.PageNumber => NextByPage(current, page),
            _ => null,
        };
    }

    private PassthroughRequest? NextByCursor(PassthroughRequest current, Result.Executed page, bool moreDeclared)
    {
        string? cursor;
        if (_declaration.CursorItemField is { } field)
        {
            // Stripe: the cursor is the last item's id, and has_more (checked above) says whether to ask.
            var items = Items(_app, _declaration.ItemsPath!, page).ToArray();
            if (items.Length == 0)
            {
                return null;
            }

            var last = items[^1];
            cursor = last.ValueKind == JsonValueKind.Object && last.TryGetProperty(field, out var value) ? Scalar(value) : null;
            if (cursor is null)
            {
                throw Mismatch(_app, $"the last item should have a '{field}' member to continue from, but it has {Describe(last.ValueKind == JsonValueKind.Object && last.TryGetProperty(field, out var found) ? found : null)}");
            }
        }
        else
        {
            cursor = ReadText(page, _declaration.NextPath!, moreDeclared);
        }

        if (cursor is null || !_seen.Add(cursor))
        {
            return null;
        }

        if (_declaration.CursorBodyField is { } bodyField && current.Body?.JsonValue is { ValueKind: JsonValueKind.Object } body)
        {
            return current.WithBody(PassthroughBody.Json(WithMember(body, bodyField, cursor)));
        }

        if (_declaration.CursorParameter is { } parameter)
        {
            return current.WithUrl(PaginationUrl.Set(current.Url, parameter, cursor));
        }

        throw Mismatch(_app, $"the cursor goes in the JSON body member '{_declaration.CursorBodyField}', but the request has no JSON object body");
    }

    private PassthroughRequest? NextByUrl(PassthroughRequest current, string? next)
    {
        if (next is null || !_seen.Add(next))
        {
            return null;
        }

        if (Uri.TryCreate(next, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http")
        {
            return current.WithUrl(absolute.AbsoluteUri);
        }

        // A relative next page (Salesforce's "/services/data/...", Twilio's "/2010-04-01/..."), resolved against the page it came from.
        if (Uri.TryCreate(current.Url, UriKind.Absolute, out var from))
        {
            return current.WithUrl(new Uri(from, next).AbsoluteUri);
        }

        throw Mismatch(_app, $"the next page is the relative URL '{Excerpt.Of(next, 60)}', which can only be followed from an absolute first URL: give the first request the app's full https URL");
    }

    private PassthroughRequest? NextByLink(PassthroughRequest current, Result.Executed page)
    {
        if (page.Attempts == 0 && page.Headers.Count == 0)
        {
            throw Mismatch(_app, "the next page is in the Link header, and Integry's API does not return the app's headers: paginate through the local executor (PassthroughExecutor)");
        }

        var values = page.Headers.Where(header => string.Equals(header.Key, "Link", StringComparison.OrdinalIgnoreCase)).SelectMany(header => header.Value);
        return NextByUrl(current, PaginationLinkHeader.FindNext(values));
    }

    private PassthroughRequest? NextByOffset(PassthroughRequest current, Result.Executed page)
    {
        var count = Items(_app, RequireItemsPath("an offset"), page).Count();
        if (count == 0)
        {
            return null;
        }

        _offset += count;
        if (ReadTotal(page) is { } total)
        {
            if (_offset >= total)
            {
                return null;
            }
        }
        else if (_declaration.LimitParameter is { } limitName && ReadNumber(current.Url, limitName) is { } limit && count < limit)
        {
            return null;
        }

        return current.WithUrl(PaginationUrl.Set(current.Url, _declaration.OffsetParameter!, _offset.ToString(CultureInfo.InvariantCulture)));
    }

    private PassthroughRequest? NextByPage(PassthroughRequest current, Result.Executed page)
    {
        var path = _itemsPath;
        if (path is not null && !Items(_app, path, page).Any())
        {
            return null;
        }

        var total = ReadTotal(page);
        if (path is null && total is null && _declaration.HasMorePath is null && _declaration.LastPagePath is null)
        {
            throw Mismatch(_app, "page numbers need something to stop on: give PaginationOptions.ItemsPath (an empty page ends the listing)");
        }

        if (total is { } pages && _page - _declaration.FirstPage + 1 >= pages)
        {
            return null;
        }

        _page++;
        return current.WithUrl(PaginationUrl.Set(current.Url, _declaration.PageParameter!, _page.ToString(CultureInfo.InvariantCulture)));
    }

    private string RequireItemsPath(string style) =>
        _itemsPath ?? throw new ArgumentException($"{_app} pages by {style}, which counts the items of each page: say where they are with PaginationOptions.ItemsPath.");

    private long? ReadTotal(Result.Executed page)
    {
        if (_declaration.TotalPath is not { } path)
        {
            return null;
        }

        var value = PaginationJsonPointer.Find(page.Output, path);
        return value switch
        {
            { ValueKind: JsonValueKind.Number } number when number.TryGetInt64(out var total) => total,
            { ValueKind: JsonValueKind.String } text when long.TryParse(text.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var total) => total,
            null or { ValueKind: JsonValueKind.Null } => null,
            _ => throw Mismatch(_app, $"the total at '{path}' should be a number, but the page has {Describe(value)} there"),
        };
    }

    private bool? ReadFlag(Result.Executed page, string? path)
    {
        if (path is null)
        {
            return null;
        }

        var value = PaginationJsonPointer.Find(page.Output, path);
        return value switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Mismatch(_app, $"'{path}' should be true or false, but the page has {Describe(value)} there"),
        };
    }

    private string? ReadText(Result.Executed page, string path, bool moreDeclared)
    {
        if (page.Output.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw Mismatch(_app, $"the page should be a JSON object with the next page at '{path}', but it is {Describe(page.Output)}");
        }

        var value = PaginationJsonPointer.Find(page.Output, path);
        var text = value is { } found ? Scalar(found) : null;
        if (value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.String or JsonValueKind.Number) })
        {
            throw Mismatch(_app, $"'{path}' should be a string, but the page has {Describe(value)} there");
        }

        if (string.IsNullOrEmpty(text) && moreDeclared)
        {
            throw Mismatch(_app, $"the page says more pages follow, but has no next page at '{path}'");
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static long? ReadNumber(string url, string name) =>
        long.TryParse(PaginationUrl.Get(url, name), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>Writes a JSON object with one member set, every other member's text kept as it was.</summary>
    private static string WithMember(JsonElement body, string name, string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var written = false;
            foreach (var member in body.EnumerateObject())
            {
                writer.WritePropertyName(member.Name);
                if (string.Equals(member.Name, name, StringComparison.Ordinal))
                {
                    writer.WriteStringValue(value);
                    written = true;
                }
                else
                {
                    writer.WriteRawValue(member.Value.GetRawText(), skipInputValidation: true);
                }
            }

            if (!written)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IntegryException Mismatch(string app, string what) =>
        new($"The pages of {app} do not match its pagination declaration: {what}. The listing stopped.");

    private static string Describe(JsonElement? value) => value switch
    {
        null => "nothing",
        { ValueKind: JsonValueKind.String } text => $"the string \"{Excerpt.Of(text.GetString()!, 60)}\"",
        { } other => other.ValueKind.ToString().ToLowerInvariant() switch
        {
            "object" => "an object",
            "array" => "an array",
            var kind => kind,
        },
    };
}
