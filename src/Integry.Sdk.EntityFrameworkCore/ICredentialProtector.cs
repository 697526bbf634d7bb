namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Encrypts credentials before they are stored and decrypts them when read.</summary>
/// <remarks>
/// <see cref="DataProtectionCredentialProtector"/> uses ASP.NET Core Data Protection; implement this interface to use a
/// key vault or a KMS instead. Every instance sharing the database must be able to read what any of them wrote.
/// </remarks>
public interface ICredentialProtector
{
    /// <summary>Encrypts a credential's serialized values.</summary>
    /// <param name="plaintext">The values to protect.</param>
    /// <returns>The protected text to store.</returns>
    string Protect(string plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> returned.</summary>
    /// <param name="protectedText">The stored text.</param>
    /// <returns>The values.</returns>
    string Unprotect(string protectedText);
}
