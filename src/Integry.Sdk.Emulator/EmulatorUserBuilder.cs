using System.Globalization;

namespace Integry.Sdk.Emulator;

/// <summary>Connects one emulated user's accounts; see <see cref="IntegryEmulatorBuilder.AddUser"/>.</summary>
public sealed class EmulatorUserBuilder
{
    private readonly EmulatorUser _user;

    internal EmulatorUserBuilder(EmulatorUser user) => _user = user;

    /// <summary>Gets the user id.</summary>
    public string UserId => _user.Id;

    /// <summary>Connects an account of an app with a stored credential.</summary>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="credential">The stored credential; its <see cref="Credential.Metadata"/> is the account's tenant facts.</param>
    /// <param name="connectedAccountId">The account id; the next number when <see langword="null"/>.</param>
    /// <param name="displayName">The account's name as people read it.</param>
    /// <returns>This builder.</returns>
    public EmulatorUserBuilder Connect(string app, Credential credential, string? connectedAccountId = null, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentNullException.ThrowIfNull(credential);
        if (connectedAccountId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectedAccountId);
        }

        _user.Accounts.Add(new EmulatorAccount
        {
            App = app,
            Id = connectedAccountId ?? (_user.Accounts.Count + 1).ToString(CultureInfo.InvariantCulture),
            DisplayName = displayName,
            Credential = ToConfig(credential),
            Metadata = credential.Metadata.ToDictionary(StringComparer.Ordinal),
        });
        return this;
    }

    // The config's JSON form is what the emulator's routes read, so a credential set in code goes through it too.
    private static EmulatorCredential ToConfig(Credential credential) => credential switch
    {
        Credential.BearerToken bearer => new EmulatorCredential { Type = "bearer", Token = bearer.AccessToken, ExpiresAt = bearer.ExpiresAt },
        Credential.ApiKey apiKey => new EmulatorCredential { Type = "apiKey", Key = apiKey.Key },
        Credential.Basic basic => new EmulatorCredential { Type = "basic", UserName = basic.UserName, Password = basic.Password },
        Credential.Custom custom => new EmulatorCredential
        {
            Type = "custom",
            Headers = custom.Headers.ToDictionary(StringComparer.Ordinal),
            Query = custom.QueryParameters.ToDictionary(StringComparer.Ordinal),
        },
        _ => throw new ArgumentException($"A {credential.GetType().Name} credential cannot be stored by the emulator.", nameof(credential)),
    };
}
