namespace Integry.Sdk;

/// <summary>
/// Thrown by an <see cref="ICredentialProvider"/> when the user must connect an account again: the token endpoint
/// answered <c>invalid_grant</c>, or the account was marked as needing reconnection. The executor turns it into a
/// rejected call asking the user to reconnect; it never reaches the caller.
/// </summary>
public sealed class ReconnectRequiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReconnectRequiredException()
        : base("The user must reconnect the account.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the user must reconnect; never a credential.</param>
    public ReconnectRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the fault that caused it.</summary>
    /// <param name="message">Why the user must reconnect; never a credential.</param>
    /// <param name="innerException">The fault that caused it.</param>
    public ReconnectRequiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
