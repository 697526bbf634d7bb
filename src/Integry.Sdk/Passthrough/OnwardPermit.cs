namespace Integry.Sdk.Passthrough;

/// <summary>
/// What the executor checked for one request, carried on the request itself: the one origin it may go to, and whether
/// that origin may be on the local network. The guard at the bottom of the handler chain sends nothing else.
/// </summary>
internal sealed class OnwardPermit
{
    public static readonly HttpRequestOptionsKey<OnwardPermit> Key = new("Integry.Sdk.OnwardPermit");

    public OnwardPermit(Uri checkedUri, bool allowLocalNetwork)
    {
        Scheme = checkedUri.Scheme;
        Host = checkedUri.IdnHost;
        Port = checkedUri.Port;
        AllowLocalNetwork = allowLocalNetwork;
    }

    public string Scheme { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Gets a value indicating whether the request goes to an origin of an app registered for the local network.</summary>
    public bool AllowLocalNetwork { get; }

    /// <summary>Whether the URI has the checked origin: same scheme, host and port, and no user information.</summary>
    public bool Allows(Uri? uri) =>
        uri is { IsAbsoluteUri: true }
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.Equals(uri.Scheme, Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == Port;

    public static bool AllowsLocalNetwork(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var permit) && permit.AllowLocalNetwork;
}
