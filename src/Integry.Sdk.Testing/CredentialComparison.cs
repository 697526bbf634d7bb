namespace Integry.Sdk.Testing;

/// <summary>Compares two credentials field by field and names the first difference, never a value.</summary>
internal static class CredentialComparison
{
    public static string? Difference(Credential expected, Credential actual)
    {
        if (expected.GetType() != actual.GetType())
        {
            return $"stored a {expected.GetType().Name}, got a {actual.GetType().Name}";
        }

        var field = (expected, actual) switch
        {
            (Credential.BearerToken e, Credential.BearerToken a) =>
                e.AccessToken != a.AccessToken ? "the access token" : e.ExpiresAt != a.ExpiresAt ? "the expiry" : null,
            (Credential.ApiKey e, Credential.ApiKey a) => e.Key != a.Key ? "the key" : null,
            (Credential.Basic e, Credential.Basic a) =>
                e.UserName != a.UserName ? "the user name" : e.Password != a.Password ? "the password" : null,
            (Credential.Custom e, Credential.Custom a) =>
                !SameEntries(e.Headers, a.Headers) ? "the headers" : !SameEntries(e.QueryParameters, a.QueryParameters) ? "the query parameters" : null,
            _ => null,
        };
        return field is not null ? $"{field} differs"
            : !SameEntries(expected.Metadata, actual.Metadata) ? "the metadata differs"
            : null;
    }

    private static bool SameEntries(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right) =>
        left.Count == right.Count && left.All(entry => right.TryGetValue(entry.Key, out var value) && value == entry.Value);
}
