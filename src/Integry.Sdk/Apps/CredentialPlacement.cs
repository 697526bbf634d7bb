namespace Integry.Sdk;

/// <summary>Where a credential value goes on a request to an app: a header, a query parameter or a member of the JSON body, with its format.</summary>
public sealed record CredentialPlacement
{
    private CredentialPlacement(CredentialLocation location, string name, string format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(format);
        if (!format.Contains(ValueToken, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The format must contain {ValueToken} where the credential goes.", nameof(format));
        }

        Location = location;
        Name = name;
        Format = format;
    }

    /// <summary>The token in <see cref="Format"/> that the credential value replaces.</summary>
    public const string ValueToken = "{value}";

    /// <summary>The default place of a bearer token: <c>Authorization: Bearer {value}</c>.</summary>
    public static readonly CredentialPlacement AuthorizationBearer = Header("Authorization", "Bearer {value}");

    /// <summary>Gets whether the value goes in a header or in the query.</summary>
    public CredentialLocation Location { get; }

    /// <summary>Gets the header or query parameter name.</summary>
    public string Name { get; }

    /// <summary>Gets how the value is written, with <see cref="ValueToken"/> where it goes (<c>Bearer {value}</c>).</summary>
    public string Format { get; }

    /// <summary>A header, such as <c>x-api-token: {value}</c>.</summary>
    /// <param name="name">The header name.</param>
    /// <param name="format">The header value, with <see cref="ValueToken"/> where the credential goes.</param>
    /// <returns>The placement.</returns>
    public static CredentialPlacement Header(string name, string format = ValueToken) => new(CredentialLocation.Header, name, format);

    /// <summary>A query parameter, such as <c>?api_token={value}</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The placement.</returns>
    public static CredentialPlacement Query(string name) => new(CredentialLocation.Query, name, ValueToken);

    /// <summary>A top-level member of the JSON object body, such as Mailchimp Transactional's <c>{"key": "{value}"}</c>; a request without a body gets <c>{}</c> with the member.</summary>
    /// <param name="name">The member name.</param>
    /// <returns>The placement.</returns>
    public static CredentialPlacement JsonBody(string name) => new(CredentialLocation.JsonBody, name, ValueToken);

    internal string Render(string value) => Format.Replace(ValueToken, value, StringComparison.Ordinal);
}

/// <summary>Where on the request a credential goes.</summary>
public enum CredentialLocation
{
    /// <summary>In a request header.</summary>
    Header,

    /// <summary>In the URL's query string.</summary>
    Query,

    /// <summary>A member of the JSON object body.</summary>
    JsonBody,
}
