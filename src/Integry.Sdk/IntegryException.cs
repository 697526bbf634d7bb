using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace Integry.Sdk;

/// <summary>
/// A transport or platform fault the caller cannot handle in-line: the network failed, the call timed out, or
/// Integry answered in a way that is not a function result. It never carries a credential, the app secret or the
/// per-user hash in its message or <see cref="ResponseBody"/>.
/// </summary>
/// <remarks>
/// <para>When Integry refuses to run a function the call returns <see cref="Result.Rejected"/> instead. Apart from
/// <see cref="ArgumentException"/> (a programming error, nothing was sent) and the caller's own
/// <see cref="OperationCanceledException"/>, this is the only exception a call throws.</para>
/// <para><see cref="Kind"/> says what failed and <see cref="IsTransient"/> whether the same call may succeed if made
/// again. <see cref="IsTransient"/> does not say the first attempt had no effect: a connection that broke while Integry
/// was answering may have run an action, so retry actions only when running them twice is harmless.</para>
/// </remarks>
public class IntegryException : Exception
{
    /// <summary>Creates an exception with a message; <see cref="Kind"/> is <see cref="IntegryErrorKind.Protocol"/>.</summary>
    /// <param name="message">What went wrong.</param>
    public IntegryException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a message and the fault that caused it; <see cref="Kind"/> and <see cref="IsTransient"/> follow that fault.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">
    /// The fault that caused it: a timeout (<see cref="TimeoutException"/>, <see cref="OperationCanceledException"/>,
    /// Polly's <c>TimeoutRejectedException</c>) gives <see cref="IntegryErrorKind.Timeout"/>, a network fault
    /// (<see cref="HttpRequestException"/>, <see cref="IOException"/>, <see cref="SocketException"/>, another Polly
    /// rejection) gives <see cref="IntegryErrorKind.Transport"/>, an <see cref="IntegryException"/> lends its own kind,
    /// anything else (or none) gives <see cref="IntegryErrorKind.Protocol"/>.
    /// </param>
    public IntegryException(string message, Exception? innerException)
        : base(message, innerException)
    {
        (Kind, IsTransient) = Classify(innerException);
    }

    /// <summary>Creates an exception of a given kind.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="kind">What kind of fault it is.</param>
    /// <param name="isTransient">Whether the same call may succeed if made again.</param>
    /// <param name="innerException">The fault that caused it, if any.</param>
    public IntegryException(string message, IntegryErrorKind kind, bool isTransient, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        IsTransient = isTransient;
    }

    /// <summary>Creates an exception for an HTTP answer.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="kind">What kind of fault it is.</param>
    /// <param name="isTransient">Whether the same call may succeed if made again.</param>
    /// <param name="statusCode">The HTTP status Integry answered with.</param>
    /// <param name="responseBody">The body it answered with (shortened, secrets removed).</param>
    /// <param name="innerException">The fault that caused it, if any.</param>
    public IntegryException(string message, IntegryErrorKind kind, bool isTransient, HttpStatusCode? statusCode, string? responseBody, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        IsTransient = isTransient;
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }

    /// <summary>Gets what kind of fault this is.</summary>
    public IntegryErrorKind Kind { get; }

    /// <summary>Gets a value indicating whether the same call may succeed if made again (a network fault, a timeout, a 5xx or 429).</summary>
    /// <remarks>It does not say the failed call had no effect; see the remarks on <see cref="IntegryException"/>.</remarks>
    public bool IsTransient { get; }

    /// <summary>Gets the HTTP status Integry answered with, or <see langword="null"/> when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the body Integry answered with, shortened and with secrets removed.</summary>
    public string? ResponseBody { get; }

    private static bool IsGuardRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is Passthrough.OnwardGuardException)
            {
                return true;
            }
        }

        return false;
    }

    private static (IntegryErrorKind Kind, bool IsTransient) Classify(Exception? inner) => inner switch
    {
        IntegryException integry => (integry.Kind, integry.IsTransient),
        TimeoutException or OperationCanceledException or TimeoutRejectedException => (IntegryErrorKind.Timeout, true),
        HttpRequestException http => Classify(http),
        IOException or SocketException or ExecutionRejectedException => (IntegryErrorKind.Transport, true),
        _ => (IntegryErrorKind.Protocol, false),
    };

    /// <summary>Sorts an <see cref="HttpRequestException"/>: a broken or refused connection is worth another try; a response that breaks HTTP, or a TLS failure, is not.</summary>
    internal static (IntegryErrorKind Kind, bool IsTransient) Classify(HttpRequestException exception) => IsGuardRefusal(exception)
        ? (IntegryErrorKind.Transport, false) // the executor's guard refused the destination: the same call is refused again
        : exception.HttpRequestError switch
    {
        HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded => (IntegryErrorKind.Protocol, false),
        HttpRequestError.SecureConnectionError or HttpRequestError.VersionNegotiationError
            or HttpRequestError.UserAuthenticationError or HttpRequestError.ExtendedConnectNotSupported => (IntegryErrorKind.Transport, false),
        _ => (IntegryErrorKind.Transport, true),
    };
}

/// <summary>Integry did not accept the app key, the user id or the hash (<c>Authentication credentials were not provided.</c>).</summary>
/// <remarks><see cref="IntegryException.Kind"/> is <see cref="IntegryErrorKind.Authentication"/>; it is never transient.</remarks>
public sealed class IntegryAuthenticationException : IntegryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status Integry answered with.</param>
    /// <param name="responseBody">The body it answered with.</param>
    public IntegryAuthenticationException(string message, HttpStatusCode? statusCode, string? responseBody)
        : base(message, IntegryErrorKind.Authentication, isTransient: false, statusCode, responseBody, innerException: null)
    {
    }
}

/// <summary>What was asked for does not exist at Integry (a function or an app).</summary>
/// <remarks><see cref="IntegryException.Kind"/> is <see cref="IntegryErrorKind.NotFound"/>; it is never transient.</remarks>
public sealed class IntegryNotFoundException : IntegryException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was not found.</param>
    /// <param name="statusCode">The HTTP status Integry answered with.</param>
    /// <param name="responseBody">The body it answered with.</param>
    public IntegryNotFoundException(string message, HttpStatusCode? statusCode, string? responseBody)
        : base(message, IntegryErrorKind.NotFound, isTransient: false, statusCode, responseBody, innerException: null)
    {
    }
}
