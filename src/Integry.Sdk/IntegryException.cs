using System.Net;

namespace Integry.Sdk;

/// <summary>
/// A transport or platform fault the caller cannot handle in-line: the network failed, the call timed out, or
/// Integry answered in a way that is not a function result. It never carries a credential.
/// </summary>
/// <remarks>When Integry refuses to run a function the call returns <see cref="Result.Rejected"/> instead.</remarks>
public class IntegryException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public IntegryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the fault that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The fault that caused it.</param>
    public IntegryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an HTTP answer.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status Integry answered with.</param>
    /// <param name="responseBody">The body it answered with (shortened, secrets removed).</param>
    /// <param name="innerException">The fault that caused it, if any.</param>
    public IntegryException(string message, HttpStatusCode? statusCode, string? responseBody, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }

    /// <summary>Gets the HTTP status Integry answered with, or <see langword="null"/> when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the body Integry answered with, shortened and with secrets removed.</summary>
    public string? ResponseBody { get; }
}

/// <summary>Integry did not accept the app key, the user id or the hash (<c>Authentication credentials were not provided.</c>).</summary>
public sealed class IntegryAuthenticationException : IntegryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status Integry answered with.</param>
    /// <param name="responseBody">The body it answered with.</param>
    public IntegryAuthenticationException(string message, HttpStatusCode? statusCode, string? responseBody)
        : base(message, statusCode, responseBody)
    {
    }
}

/// <summary>What was asked for does not exist at Integry (a function or an app).</summary>
public sealed class IntegryNotFoundException : IntegryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="statusCode">The HTTP status Integry answered with.</param>
    /// <param name="responseBody">The body it answered with.</param>
    public IntegryNotFoundException(string message, HttpStatusCode? statusCode, string? responseBody)
        : base(message, statusCode, responseBody)
    {
    }
}
