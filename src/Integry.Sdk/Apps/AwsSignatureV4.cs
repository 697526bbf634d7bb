namespace Integry.Sdk;

/// <summary>
/// Says that an app's API authenticates with AWS Signature Version 4 (Amazon SES): a <see cref="Credential.Basic"/>
/// credential holds the access key id (user name) and the secret access key (password); the region comes from the
/// connected account's metadata; every request is signed as it is sent, never carrying the secret itself.
/// </summary>
public sealed record AwsSignatureV4
{
    /// <summary>Gets the service name in the credential scope, such as <c>ses</c>.</summary>
    public required string Service { get; init; }

    /// <summary>Gets the metadata key of the connected account that holds the region (<c>region</c>, such as <c>eu-west-1</c>).</summary>
    public string RegionMetadataKey { get; init; } = "region";

    /// <summary>Gets the metadata key that holds a session token for temporary credentials, sent as <c>X-Amz-Security-Token</c>.</summary>
    public string SessionTokenMetadataKey { get; init; } = "session_token";
}
