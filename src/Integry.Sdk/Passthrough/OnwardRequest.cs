using Integry.Sdk.Apps;

namespace Integry.Sdk.Passthrough;

/// <summary>Everything needed to send one passthrough to its app, and to re-send it on a retry, a redirect or a refreshed credential.</summary>
internal sealed class OnwardRequest
{
    public required CatalogEntry App { get; init; }

    public required string FunctionName { get; init; }

    public required HttpMethod Method { get; init; }

    /// <summary>Gets the target without the credential's query parameters.</summary>
    public required Uri Target { get; init; }

    public byte[]? Body { get; init; }

    /// <summary>Gets the body's Content-Type header value.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets the caller's own headers, sent only to the app's hosts.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public required Credential Credential { get; init; }

    public required CredentialParts CredentialParts { get; init; }

    /// <summary>Gets the key sent in the app's idempotency header on every attempt of this call, when the app declares one.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the forms of this request's credential, to find it in a redirect's URL or a URL about to be logged.</summary>
    public CredentialEcho Echo => CredentialParts.EchoOf(Credential);
}
