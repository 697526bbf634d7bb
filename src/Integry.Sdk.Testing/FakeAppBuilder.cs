namespace Integry.Sdk.Testing;

/// <summary>Describes a <see cref="FakeApp"/>: its routes, what they answer, and how it authenticates callers.</summary>
public sealed class FakeAppBuilder
{
    private readonly List<FakeRoute> _routes = [];

    internal FakeAppBuilder(string slug)
    {
        DisplayName = slug;
    }

    /// <summary>Gets or sets the app's display name (used in rejection texts); the slug by default.</summary>
    public string DisplayName { get; set; }

    internal IReadOnlyList<FakeRoute> Routes => _routes;

    internal string? RequiredBearerToken { get; private set; }

    internal FakeOAuthOptions? OAuth { get; private set; }

    /// <summary>Answers a method and route template (such as <c>/contacts/{id}</c>) with a canned response.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pattern">The route template.</param>
    /// <param name="response">The response, sent to every matching request.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder Map(string method, string pattern, FakeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Map(method, pattern, _ => response);
    }

    /// <summary>Answers a method and route template with a response computed from each request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pattern">The route template.</param>
    /// <param name="respond">Computes the response.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder Map(string method, string pattern, Func<FakeRequest, FakeResponse> respond)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(respond);
        if (!pattern.StartsWith('/'))
        {
            throw new ArgumentException("A route starts with '/'.", nameof(pattern));
        }

        if (pattern.StartsWith(FakeOAuthServer.TokenPath, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{FakeOAuthServer.TokenPath} is the OAuth token endpoint's route.", nameof(pattern));
        }

        _routes.Add(new FakeRoute(method.ToUpperInvariant(), pattern, respond));
        return this;
    }

    /// <summary>Answers <c>GET</c> on a route template with a canned response.</summary>
    /// <param name="pattern">The route template.</param>
    /// <param name="response">The response.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder MapGet(string pattern, FakeResponse response) => Map("GET", pattern, response);

    /// <summary>Answers <c>GET</c> on a route template with a computed response.</summary>
    /// <param name="pattern">The route template.</param>
    /// <param name="respond">Computes the response.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder MapGet(string pattern, Func<FakeRequest, FakeResponse> respond) => Map("GET", pattern, respond);

    /// <summary>Answers <c>POST</c> on a route template with a canned response.</summary>
    /// <param name="pattern">The route template.</param>
    /// <param name="response">The response.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder MapPost(string pattern, FakeResponse response) => Map("POST", pattern, response);

    /// <summary>Answers <c>POST</c> on a route template with a computed response.</summary>
    /// <param name="pattern">The route template.</param>
    /// <param name="respond">Computes the response.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder MapPost(string pattern, Func<FakeRequest, FakeResponse> respond) => Map("POST", pattern, respond);

    /// <summary>Answers 401 to any request without <c>Authorization: Bearer</c> and this token.</summary>
    /// <param name="token">The one token the app accepts.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder RequireBearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (OAuth is not null)
        {
            throw new InvalidOperationException("The app already authenticates with its OAuth server's tokens.");
        }

        RequiredBearerToken = token;
        return this;
    }

    /// <summary>
    /// Gives the app an OAuth2 token endpoint (<see cref="FakeOAuthServer.TokenPath"/>); its routes then accept only
    /// access tokens that endpoint issued and still honours, and answer 401 otherwise.
    /// </summary>
    /// <param name="configure">Sets the client, the token lifetime, rotation and the clock.</param>
    /// <returns>This builder.</returns>
    public FakeAppBuilder UseOAuth(Action<FakeOAuthOptions>? configure = null)
    {
        if (RequiredBearerToken is not null)
        {
            throw new InvalidOperationException("The app already requires a fixed bearer token.");
        }

        var options = new FakeOAuthOptions();
        configure?.Invoke(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClientId, nameof(configure));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ClientSecret, nameof(configure));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AccessTokenLifetime, TimeSpan.Zero, nameof(configure));

        // Added to the clock's now for each token's expiry: a lifetime of centuries would fall off the calendar there.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.AccessTokenLifetime, TimeSpan.FromDays(3650), nameof(configure));
        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(configure));
        OAuth = options;
        return this;
    }

    internal sealed record FakeRoute(string Method, string Pattern, Func<FakeRequest, FakeResponse> Respond);
}
