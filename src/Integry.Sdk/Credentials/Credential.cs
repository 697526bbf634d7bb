namespace Integry.Sdk;

/// <summary>
/// A user's stored credential for one connected account of an app. A closed hierarchy: <see cref="BearerToken"/>,
/// <see cref="ApiKey"/>, <see cref="Basic"/> or <see cref="Custom"/>, and no other assembly can add a case. Compared by
/// value. Where each goes on the request is the app's business (<see cref="AppDefinition"/>); no credential value ever
/// appears in <see cref="ToString"/>.
/// </summary>
/// <remarks>
/// A class rather than a record on purpose: a record's compiler-made copy constructor is <c>protected</c>, which lets any
/// assembly derive from it. Use <see cref="WithConnectedAccountId"/> and <see cref="WithMetadata"/> where a record's
/// <c>with</c> was used.
/// </remarks>
public abstract class Credential : IEquatable<Credential>
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>(StringComparer.Ordinal);

    private string? _connectedAccountId;
    private IReadOnlyDictionary<string, string> _metadata = NoMetadata;

    private protected Credential()
    {
    }

    /// <summary>Gets the connected account this credential belongs to, when the provider knows it.</summary>
    public string? ConnectedAccountId
    {
        get => _connectedAccountId;
        init => _connectedAccountId = value;
    }

    /// <summary>Gets facts about the connected account that the app's URLs need, such as a Salesforce <c>instance</c> or a Zendesk <c>subdomain</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata
    {
        get => _metadata;
        init => _metadata = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Tells whether two credentials are equal by value.</summary>
    /// <param name="left">The first credential.</param>
    /// <param name="right">The second credential.</param>
    /// <returns><see langword="true"/> when both are <see langword="null"/> or equal by value.</returns>
    public static bool operator ==(Credential? left, Credential? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Tells whether two credentials differ by value.</summary>
    /// <param name="left">The first credential.</param>
    /// <param name="right">The second credential.</param>
    /// <returns><see langword="true"/> when they are not equal by value.</returns>
    public static bool operator !=(Credential? left, Credential? right) => !(left == right);

    /// <summary>Returns a copy of this credential that belongs to another connected account.</summary>
    /// <param name="connectedAccountId">The account's id, or <see langword="null"/>.</param>
    /// <returns>The copy; this credential is not changed.</returns>
    public Credential WithConnectedAccountId(string? connectedAccountId)
    {
        var copy = (Credential)MemberwiseClone();
        copy._connectedAccountId = connectedAccountId;
        return copy;
    }

    /// <summary>Returns a copy of this credential with other account facts (<see cref="Metadata"/>).</summary>
    /// <param name="metadata">The facts, such as <c>instance</c> or <c>subdomain</c>.</param>
    /// <returns>The copy; this credential is not changed.</returns>
    public Credential WithMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var copy = (Credential)MemberwiseClone();
        copy._metadata = metadata;
        return copy;
    }

    /// <summary>Tells whether another credential is the same kind, for the same account, with the same values and metadata.</summary>
    /// <param name="other">The other credential.</param>
    /// <returns><see langword="true"/> when they are equal by value.</returns>
    public bool Equals(Credential? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (other.GetType() == GetType()
                && string.Equals(_connectedAccountId, other._connectedAccountId, StringComparison.Ordinal)
                && SameEntries(_metadata, other._metadata)
                && SameValues(other)));

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => Equals(obj as Credential);

    /// <inheritdoc />
    public sealed override int GetHashCode() => HashCode.Combine(GetType(), _connectedAccountId, ValueHash());

    /// <summary>Names the kind of credential and never its value.</summary>
    /// <returns>The kind of credential and its account.</returns>
    public sealed override string ToString() => $"{GetType().Name} {{ ConnectedAccountId = {ConnectedAccountId ?? "(none)"}, value redacted }}";

    /// <summary>Compares the values of a credential of the same kind.</summary>
    private protected abstract bool SameValues(Credential other);

    /// <summary>Hashes the values the same way <see cref="SameValues"/> compares them.</summary>
    private protected abstract int ValueHash();

    private static bool SameEntries(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right) =>
        ReferenceEquals(left, right)
        || (left.Count == right.Count && left.All(pair => right.TryGetValue(pair.Key, out var value) && string.Equals(pair.Value, value, StringComparison.Ordinal)));

    /// <summary>An OAuth access token or any token sent as <c>Authorization: Bearer</c> (or where the app says).</summary>
    public sealed class BearerToken : Credential
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
        public string AccessToken { get; }

        /// <summary>Gets when the token expires, or <see langword="null"/> when it does not say.</summary>
        public DateTimeOffset? ExpiresAt { get; init; }

        /// <summary>Gets the OAuth refresh token that gets a new access token, or <see langword="null"/> when there is none.</summary>
        /// <remarks>Never sent to the app: only a refresher (such as an OAuth2 token endpoint client) reads it.</remarks>
        public string? RefreshToken { get; init; }

        private protected override bool SameValues(Credential other) =>
            other is BearerToken token
            && string.Equals(AccessToken, token.AccessToken, StringComparison.Ordinal)
            && ExpiresAt == token.ExpiresAt
            && string.Equals(RefreshToken, token.RefreshToken, StringComparison.Ordinal);

        private protected override int ValueHash() => HashCode.Combine(AccessToken, ExpiresAt, RefreshToken);
    }

    /// <summary>An API key, sent in the header or query parameter the app names.</summary>
    public sealed class ApiKey : Credential
    {
        /// <summary>Creates an API key credential.</summary>
        /// <param name="key">The key.</param>
        public ApiKey(string key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
            Key = key;
        }

        /// <summary>Gets the key.</summary>
        public string Key { get; }

        private protected override bool SameValues(Credential other) => other is ApiKey key && string.Equals(Key, key.Key, StringComparison.Ordinal);

        private protected override int ValueHash() => Key.GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>A user name and password sent as HTTP Basic authentication (for example Freshdesk's <c>apikey:X</c>).</summary>
    public sealed class Basic : Credential
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
        public string UserName { get; }

        /// <summary>Gets the password.</summary>
        public string Password { get; }

        private protected override bool SameValues(Credential other) =>
            other is Basic basic
            && string.Equals(UserName, basic.UserName, StringComparison.Ordinal)
            && string.Equals(Password, basic.Password, StringComparison.Ordinal);

        private protected override int ValueHash() => HashCode.Combine(UserName, Password);
    }

    /// <summary>Headers and query parameters to add as they are, for apps with an authentication scheme of their own.</summary>
    public sealed class Custom : Credential
    {
        private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);
        private readonly IReadOnlyDictionary<string, string> _headers = None;
        private readonly IReadOnlyDictionary<string, string> _queryParameters = None;

        /// <summary>Gets the headers to add.</summary>
        public IReadOnlyDictionary<string, string> Headers
        {
            get => _headers;
            init => _headers = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>Gets the query parameters to add.</summary>
        public IReadOnlyDictionary<string, string> QueryParameters
        {
            get => _queryParameters;
            init => _queryParameters = value ?? throw new ArgumentNullException(nameof(value));
        }

        private protected override bool SameValues(Credential other) =>
            other is Custom custom && SameEntries(Headers, custom.Headers) && SameEntries(QueryParameters, custom.QueryParameters);

        private protected override int ValueHash() => HashCode.Combine(Headers.Count, QueryParameters.Count);
    }
}
