using Microsoft.AspNetCore.DataProtection;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Encrypts stored credentials with ASP.NET Core Data Protection.</summary>
/// <remarks>
/// Instances that share the database must share the key ring and application name too
/// (<c>services.AddDataProtection().PersistKeysTo…().SetApplicationName(…)</c>), or one cannot read what another wrote.
/// </remarks>
public sealed class DataProtectionCredentialProtector : ICredentialProtector
{
    /// <summary>The Data Protection purpose string; a different purpose cannot read these credentials.</summary>
    public static readonly string Purpose = "Integry.Sdk.EntityFrameworkCore.Credentials.v1";

    private readonly IDataProtector _protector;

    /// <summary>Creates the protector.</summary>
    /// <param name="provider">The Data Protection provider, usually from dependency injection.</param>
    public DataProtectionCredentialProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <inheritdoc />
    public string Protect(string plaintext) => _protector.Protect(plaintext);

    /// <inheritdoc />
    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
