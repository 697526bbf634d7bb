using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// An app's response headers (content headers included, hop-by-hop ones left out), case-insensitive by name, copied
/// out of the response only when someone reads them: most callers never look, and the copy is a dictionary and an
/// array per header on every call.
/// </summary>
/// <remarks>
/// It keeps the response's header collections, not the response: they are plain stores of the parsed texts and stay
/// readable after the response is disposed. The first read copies them under a lock; later reads use the copy.
/// </remarks>
internal sealed class ResponseHeaderView : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

#if NET9_0_OR_GREATER
    private readonly Lock _gate = new();
#else
    private readonly object _gate = new();
#endif
    private HttpResponseHeaders? _headers;
    private HttpContentHeaders? _contentHeaders;
    private Dictionary<string, IReadOnlyList<string>>? _copy;

    public ResponseHeaderView(HttpResponseMessage response)
    {
        _headers = response.Headers;
        _contentHeaders = response.Content.Headers;
    }

    public int Count => Copy.Count;

    public IEnumerable<string> Keys => Copy.Keys;

    public IEnumerable<IReadOnlyList<string>> Values => Copy.Values;

    private Dictionary<string, IReadOnlyList<string>> Copy => Volatile.Read(ref _copy) ?? Build();

    public IReadOnlyList<string> this[string key] => Copy[key];

    public bool ContainsKey(string key) => Copy.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IReadOnlyList<string> value) => Copy.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, IReadOnlyList<string>>> GetEnumerator() => Copy.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The first value of one header, as <see cref="TryGetValue"/> would give it (a content header over a response header
    /// of the same name, hop-by-hop ones left out), read in place while nothing has asked for the copy: the executor's
    /// own reads (rate-limit headers on every call of such an app) must not cost the copy the laziness saves.
    /// </summary>
    public string? FirstValue(string name)
    {
        if (Volatile.Read(ref _copy) is { } copy)
        {
            return First(copy, name);
        }

        lock (_gate)
        {
            if (_copy is { } built)
            {
                return First(built, name);
            }

            if (_contentHeaders!.NonValidated.TryGetValues(name, out var content))
            {
                return FirstOf(content);
            }

            return !HopByHopHeaders.Contains(name) && _headers!.NonValidated.TryGetValues(name, out var values) ? FirstOf(values) : null;
        }
    }

    private static string? First(Dictionary<string, IReadOnlyList<string>> headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static string? FirstOf(HeaderStringValues values)
    {
        foreach (var value in values)
        {
            return value;
        }

        return null;
    }

    private Dictionary<string, IReadOnlyList<string>> Build()
    {
        lock (_gate)
        {
            if (_copy is { } built)
            {
                return built;
            }

            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in _headers!.NonValidated)
            {
                if (!HopByHopHeaders.Contains(header.Key))
                {
                    headers[header.Key] = ToArray(header.Value);
                }
            }

            foreach (var header in _contentHeaders!.NonValidated)
            {
                headers[header.Key] = ToArray(header.Value);
            }

            Volatile.Write(ref _copy, headers);

            // The copy is all that is needed from now on.
            _headers = null;
            _contentHeaders = null;
            return headers;
        }
    }

    private static string[] ToArray(HeaderStringValues values)
    {
        // HeaderStringValues is a struct: LINQ's ToArray would box it and its enumerator.
        var copy = new string[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            copy[i++] = value;
        }

        return copy;
    }
}
