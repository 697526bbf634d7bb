namespace Integry.Sdk;

/// <summary>
/// Where the two halves of a <see cref="Credential.Basic"/> credential go when the app does not take
/// <c>Authorization: Basic</c>, such as Customer.guru's <c>api_token</c> and <c>api_secret</c> JSON body members.
/// </summary>
/// <param name="UserName">Where the user name (token, key id) goes.</param>
/// <param name="Password">Where the password (secret) goes.</param>
public sealed record BasicCredentialPlacement(CredentialPlacement UserName, CredentialPlacement Password);
