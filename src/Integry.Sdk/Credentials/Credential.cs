namespace Integry.Sdk;

/// <summary>
/// A user's stored credential for one connected account of an app. A closed hierarchy: <see cref="BearerToken"/>,
/// <see cref="ApiKey"/>, <see cref="Basic"/> or <see cref="Custom"/>. Where each goes on the request is the app's
/// business (<see cref="AppDefinition"/>); no credential value ever appears in <see cref="ToString"/>.
/// </summary>
public abstract record Credential
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>(StringComparer.Ordinal);

    private protected Credential()
    {
    }

    /// <summary>Gets the connected account this credential belongs to, when the provider knows it.</summary>
    public string? ConnectedAccountId { get; init; }

    /// <summary>Gets facts about the connected account that the app's URLs need, such as a Salesforce <c>instance</c> or a Zendesk <c>subdomain</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = NoMetadata;

    /// <summary>Names the kind of credential and never its value.</summary>
    /// <returns>The kind of credential and its account.</returns>
    public sealed override string ToString() => $"{GetType().Name} {{ ConnectedAccountId = {ConnectedAccountId ?? "(none)"}, value redacted }}";

    /// <summary>An OAuth access token or any token sent as <c>Authorization: Bearer</c> (or where the app says).</summary>
    public sealed record BearerToken : Credential
    {
        /// <summary>Creates a bearer token credential.</summary>
        /// <param name="accessToken">The token.</param>
        /// <param name="expiresAt">When the token expires, if known; it is refreshed shortly before.</param>
        public BearerToken(string accessToken, DateTimeOffset? expiresAt = null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
            AccessToken = accessToken;
            ExpiresAt = expiresAt;
        }

        /// <summary>Gets the token.</summary>
        public string AccessToken { get; init; }

        /// <summary>Gets when the token expires, or <see langword="null"/> when it does not say.</summary>
        public DateTimeOffset? ExpiresAt { get; init; }
    }

    /// <summary>An API key, sent in the header or query parameter the app names.</summary>
    public sealed record ApiKey : Credential
    {
        /// <summary>Creates an API key credential.</summary>
        /// <param name="key">The key.</param>
        public ApiKey(string key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            Key = key;
        }

        /// <summary>Gets the key.</summary>
        public string Key { get; init; }
    }

    /// <summary>A user name and password sent as HTTP Basic authentication (for example Freshdesk's <c>apikey:X</c>).</summary>
    public sealed record Basic : Credential
    {
        /// <summary>Creates a basic credential.</summary>
        /// <param name="userName">The user name (or API key, for APIs that use it so).</param>
        /// <param name="password">The password (may be empty).</param>
        public Basic(string userName, string password)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(userName);
            ArgumentNullException.ThrowIfNull(password);
            if (userName.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException("A Basic user name cannot contain ':'.", nameof(userName));
            }

            UserName = userName;
            Password = password;
        }

        /// <summary>Gets the user name.</summary>
        public string UserName { get; init; }

        /// <summary>Gets the password.</summary>
        public string Password { get; init; }
    }

    /// <summary>Headers and query parameters to add as they are, for apps with an authentication scheme of their own.</summary>
    public sealed record Custom : Credential
    {
        private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>Gets the headers to add.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; init; } = None;

        /// <summary>Gets the query parameters to add.</summary>
        public IReadOnlyDictionary<string, string> QueryParameters { get; init; } = None;
    }
}
