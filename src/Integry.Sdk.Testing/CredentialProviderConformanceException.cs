namespace Integry.Sdk.Testing;

/// <summary>A credential provider broke the contract <see cref="CredentialProviderConformance"/> checks; the message says which check and how.</summary>
public sealed class CredentialProviderConformanceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CredentialProviderConformanceException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which check failed and how.</param>
    public CredentialProviderConformanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which check failed and how.</param>
    /// <param name="innerException">What the provider threw, if anything.</param>
    public CredentialProviderConformanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
