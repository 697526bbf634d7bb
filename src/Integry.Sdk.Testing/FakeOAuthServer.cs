using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Integry.Sdk.Testing;

/// <summary>
/// A <see cref="FakeApp"/>'s OAuth2 token endpoint (<c>POST /oauth/token</c>, <c>grant_type=refresh_token</c>) and the
/// tokens it issued: it rotates refresh tokens, expires and revokes tokens, and answers <c>invalid_grant</c> for a
/// refresh token it retired, revoked or never issued. The app's routes accept only its live access tokens.
/// </summary>
public sealed class FakeOAuthServer
{
    /// <summary>The token endpoint's path.</summary>
    public const string TokenPath = "/oauth/token";

    private readonly object _gate = new();
    private readonly FakeOAuthOptions _options;
    private readonly string _prefix;
    private readonly Dictionary<string, AccessState> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _refreshTokens = new(StringComparer.Ordinal);
    private int _issued;
    private int _grants;
    private int _rejectedGrants;

    internal FakeOAuthServer(FakeOAuthOptions options, string prefix, Uri baseAddress)
    {
        _options = options;
        _prefix = prefix;
        TokenEndpoint = new Uri(baseAddress, TokenPath.TrimStart('/'));
    }

    /// <summary>Gets the token endpoint's URL.</summary>
    public Uri TokenEndpoint { get; }

    /// <summary>Gets the client id the endpoint accepts.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>Gets the client secret the endpoint accepts.</summary>
    public string ClientSecret => _options.ClientSecret;

    /// <summary>Gets how many refresh grants succeeded.</summary>
    public int Grants
    {
        get
        {
            lock (_gate)
            {
                return _grants;
            }
        }
    }

    /// <summary>Gets how many refresh grants were answered with an error (<c>invalid_grant</c>, <c>invalid_client</c>, ...).</summary>
    public int RejectedGrants
    {
        get
        {
            lock (_gate)
            {
                return _rejectedGrants;
            }
        }
    }

    /// <summary>Issues a fresh pair of tokens, as if the user had just connected the app.</summary>
    /// <returns>The tokens.</returns>
    public FakeTokens IssueTokens()
    {
        lock (_gate)
        {
            return IssueLocked();
        }
    }

    /// <summary>Expires an access token now: the app answers 401 to it.</summary>
    /// <param name="accessToken">The access token.</param>
    /// <exception cref="ArgumentException">The server never issued that token.</exception>
    public void Expire(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        lock (_gate)
        {
            var state = _accessTokens.GetValueOrDefault(accessToken) ?? throw new ArgumentException("This server never issued that access token.", nameof(accessToken));
            state.ExpiresAt = _options.TimeProvider.GetUtcNow();
        }
    }

    /// <summary>Expires every access token issued so far.</summary>
    public void ExpireAll()
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var state in _accessTokens.Values)
            {
                state.ExpiresAt = now;
            }
        }
    }

    /// <summary>Revokes a token: an access token is answered 401 before it expires, a refresh token <c>invalid_grant</c>.</summary>
    /// <param name="token">An access or refresh token.</param>
    /// <exception cref="ArgumentException">The server never issued that token.</exception>
    public void Revoke(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_gate)
        {
            if (_accessTokens.TryGetValue(token, out var access))
            {
                access.Revoked = true;
            }
            else if (_refreshTokens.ContainsKey(token))
            {
                _refreshTokens[token] = false;
            }
            else
            {
                throw new ArgumentException("This server never issued that token.", nameof(token));
            }
        }
    }

    /// <summary>Tells whether the app would accept an access token now.</summary>
    /// <param name="accessToken">The access token.</param>
    /// <returns><see langword="true"/> when it was issued here, is not revoked and has not expired.</returns>
    public bool IsLive(string? accessToken)
    {
        if (accessToken is null)
        {
            return false;
        }

        lock (_gate)
        {
            return _accessTokens.TryGetValue(accessToken, out var state) && !state.Revoked && state.ExpiresAt > _options.TimeProvider.GetUtcNow();
        }
    }

    internal async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string status;
        string body;
        if (!request.HasFormContentType)
        {
            (status, body) = Reject("invalid_request", "The token request must be application/x-www-form-urlencoded.");
        }
        else
        {
            var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            (status, body) = Grant(form, request.Headers.Authorization.ToString());
        }

        context.Response.StatusCode = int.Parse(status, CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private (string Status, string Body) Grant(IFormCollection form, string authorization)
    {
        var (clientId, clientSecret) = ClientOf(form, authorization);
        lock (_gate)
        {
            if (clientId != _options.ClientId || clientSecret != _options.ClientSecret)
            {
                _rejectedGrants++;
                return ("401", Error("invalid_client", "Client authentication failed."));
            }

            if (form["grant_type"] != "refresh_token")
            {
                _rejectedGrants++;
                return ("400", Error("unsupported_grant_type", "Only refresh_token is supported."));
            }

            var refreshToken = form["refresh_token"].ToString();
            if (!_refreshTokens.TryGetValue(refreshToken, out var live) || !live)
            {
                _rejectedGrants++;
                return ("400", Error("invalid_grant", "The refresh token is invalid, expired, revoked or was already used."));
            }

            _grants++;
            FakeTokens tokens;
            if (_options.RotateRefreshTokens)
            {
                _refreshTokens[refreshToken] = false;
                tokens = IssueLocked();
            }
            else
            {
                tokens = IssueLocked() with { RefreshToken = refreshToken };
            }

            return ("200", TokenBody(tokens));
        }
    }

    private (string Status, string Body) Reject(string error, string description)
    {
        lock (_gate)
        {
            _rejectedGrants++;
        }

        return ("400", Error(error, description));
    }

    private FakeTokens IssueLocked()
    {
        var n = ++_issued;
        var expiresAt = _options.TimeProvider.GetUtcNow() + _options.AccessTokenLifetime;
        var tokens = new FakeTokens(
            string.Create(CultureInfo.InvariantCulture, $"{_prefix}-access-{n}"),
            string.Create(CultureInfo.InvariantCulture, $"{_prefix}-refresh-{n}"),
            expiresAt);
        _accessTokens[tokens.AccessToken] = new AccessState { ExpiresAt = expiresAt };
        _refreshTokens[tokens.RefreshToken] = true;
        return tokens;
    }

    private string TokenBody(FakeTokens tokens)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", tokens.AccessToken);
            writer.WriteString("token_type", "Bearer");
            writer.WriteNumber("expires_in", (long)_options.AccessTokenLifetime.TotalSeconds);
            writer.WriteString("refresh_token", tokens.RefreshToken);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Error(string error, string description)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("error_description", description);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // RFC 6749 section 2.3.1: HTTP Basic (form-urlencoded id and secret) or, as a fallback, the form's own fields.
    private static (string? Id, string? Secret) ClientOf(IFormCollection form, string authorization)
    {
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')), Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private sealed class AccessState
    {
        public DateTimeOffset ExpiresAt { get; set; }

        public bool Revoked { get; set; }
    }
}
