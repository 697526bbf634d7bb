using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// An app's response headers (content headers included, hop-by-hop ones left out), case-insensitive by name, copied
/// out of the response only when someone reads them: most callers never look, and the copy is a dictionary and an
/// array per header on every call.
/// </summary>
/// <remarks>
/// <para>It keeps the response's header collections, not the response: they are plain stores of the parsed texts and stay
/// readable after the response is disposed. Nothing writes to them any more, and <see cref="HttpHeaders.NonValidated"/>
/// reads them without parsing (which would write), so readers on several threads need no lock: a lock object was
/// allocated on every call for a view most callers never read.</para>
/// <para>The first read of the whole copy builds it; when two threads race, the first copy published wins and both use it.
/// The collections are let go once the copy is published: a reader that finds them gone finds the copy.</para>
/// </remarks>
internal sealed class ResponseHeaderView : IReadOnlyDictionary<string, IReadOnlyList<string>>
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

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
        if (!TryGetSources(out var headers, out var contentHeaders))
        {
            return First(Volatile.Read(ref _copy)!, name);
        }

        if (contentHeaders.NonValidated.TryGetValues(name, out var content))
        {
            return FirstOf(content);
        }

        return !HopByHopHeaders.Contains(name) && headers.NonValidated.TryGetValues(name, out var values) ? FirstOf(values) : null;
    }

    /// <summary>The response's header collections, or <see langword="false"/> once the copy has replaced them.</summary>
    /// <remarks>Read with acquire semantics: a reader that sees a collection let go (set to <see langword="null"/> after
    /// the copy was published) sees the copy too.</remarks>
    private bool TryGetSources([NotNullWhen(true)] out HttpResponseHeaders? headers, [NotNullWhen(true)] out HttpContentHeaders? contentHeaders)
    {
        headers = Volatile.Read(ref _headers);
        contentHeaders = Volatile.Read(ref _contentHeaders);
        return headers is not null && contentHeaders is not null;
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
        if (!TryGetSources(out var source, out var contentSource))
        {
            return Volatile.Read(ref _copy)!;
        }

        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in source.NonValidated)
        {
            if (!HopByHopHeaders.Contains(header.Key))
            {
                headers[header.Key] = ToArray(header.Value);
            }
        }

        foreach (var header in contentSource.NonValidated)
        {
            headers[header.Key] = ToArray(header.Value);
        }

        // The first copy published is the one every reader uses.
        var published = Interlocked.CompareExchange(ref _copy, headers, null) ?? headers;

        // The copy is all that is needed from now on. Released after the copy, so a reader that finds them gone finds it.
        Volatile.Write(ref _headers, null);
        Volatile.Write(ref _contentHeaders, null);
        return published;
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
