namespace Integry.Sdk;

/// <summary>
/// Tells whether two credential objects carry the same credential. Record equality is not enough: a provider that
/// reads its store afresh returns new dictionaries (metadata, custom headers) every time, which records compare by reference.
/// </summary>
internal static class CredentialIdentity
{
    public static bool Same(Credential left, Credential right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.GetType() != right.GetType() || !string.Equals(left.ConnectedAccountId, right.ConnectedAccountId, StringComparison.Ordinal))
        {
            return false;
        }

        var sameSecret = (left, right) switch
        {
            (Credential.BearerToken a, Credential.BearerToken b) => a.AccessToken == b.AccessToken && a.ExpiresAt == b.ExpiresAt,
            (Credential.ApiKey a, Credential.ApiKey b) => a.Key == b.Key,
            (Credential.Basic a, Credential.Basic b) => a.UserName == b.UserName && a.Password == b.Password,
            (Credential.Custom a, Credential.Custom b) => SameEntries(a.Headers, b.Headers) && SameEntries(a.QueryParameters, b.QueryParameters),
            _ => false,
        };
        return sameSecret && SameEntries(left.Metadata, right.Metadata);
    }

    private static bool SameEntries(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right) =>
        ReferenceEquals(left, right)
        || (left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && string.Equals(pair.Value, value, StringComparison.Ordinal)));
}
