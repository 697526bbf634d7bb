namespace Integry.Sdk.Samples.AspNetCore;

/// <summary>
/// A demo credential store: bearer tokens from configuration (<c>DemoConnections:{user}:{app}</c>). A real app keeps
/// its users' tokens in its database or a vault, behind the same interface.
/// </summary>
public sealed class ConfigurationCredentialProvider(IConfiguration configuration) : ICredentialProvider
{
    public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
    {
        var token = configuration[$"DemoConnections:{request.UserId}:{request.App}"];
        return ValueTask.FromResult<Credential?>(string.IsNullOrEmpty(token) ? null : new Credential.BearerToken(token));
    }
}
