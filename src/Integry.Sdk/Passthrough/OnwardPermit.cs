namespace Integry.Sdk.Passthrough;

/// <summary>
/// What the executor checked for one request, carried on the request itself: the one origin it may go to, and whether
/// that origin may be on the local network. The guard at the bottom of the handler chain sends nothing else.
/// </summary>
/// <remarks>A struct, kept in the request message's own field: a permit costs no allocation.</remarks>
internal readonly struct OnwardPermit
{
    private readonly Uri _checked;

    public OnwardPermit(Uri checkedUri, bool allowLocalNetwork)
    {
        _checked = checkedUri;
        AllowLocalNetwork = allowLocalNetwork;
    }

    /// <summary>Gets a value indicating whether the request goes to an origin of an app registered for the local network.</summary>
    public bool AllowLocalNetwork { get; }

    /// <summary>Gets the URI the executor checked and sent the request to (every permit but <see langword="default"/> has one).</summary>
    public Uri CheckedUri => _checked;

    /// <summary>Whether the URI has the checked origin: same scheme, host and port, and no user information.</summary>
    public bool Allows(Uri? uri) =>
        ReferenceEquals(uri, _checked)

        // The request still points at the URI the executor checked (the usual case): nothing to compare. Otherwise a
        // handler above the guard re-pointed it, and its origin must be the checked one.
        || (uri is { IsAbsoluteUri: true }
            && string.IsNullOrEmpty(uri.UserInfo)
            && string.Equals(uri.Scheme, _checked.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.IdnHost, _checked.IdnHost, StringComparison.OrdinalIgnoreCase)
            && uri.Port == _checked.Port);

    /// <summary>The executor's permit on a request, if it carries one.</summary>
    public static bool TryGet(HttpRequestMessage? request, out OnwardPermit permit)
    {
        if (request is PermittedRequestMessage { Permit: { _checked: not null } carried })
        {
            permit = carried;
            return true;
        }

        permit = default;
        return false;
    }

    public static bool AllowsLocalNetwork(HttpRequestMessage? request) => TryGet(request, out var permit) && permit.AllowLocalNetwork;
}

/// <summary>
/// A request the executor built and checked, with its <see cref="OnwardPermit"/> as a field: no options dictionary per
/// request. A handler that builds a new message instead of passing this one on loses the permit, and the guard refuses it.
/// </summary>
internal sealed class PermittedRequestMessage(HttpMethod method, Uri requestUri) : HttpRequestMessage(method, requestUri)
{
    public OnwardPermit Permit { get; set; }
}
