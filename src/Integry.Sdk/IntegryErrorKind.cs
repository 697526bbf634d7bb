namespace Integry.Sdk;

/// <summary>What kind of fault an <see cref="IntegryException"/> reports, so a caller can decide without reading its message.</summary>
public enum IntegryErrorKind
{
    /// <summary>The network or the HTTP pipeline failed: no connection, a connection reset, a body cut short, or a handler the caller added threw.</summary>
    Transport = 0,

    /// <summary>The call took longer than its time limit (<see cref="IntegryClientOptions.Timeout"/>, an attempt timeout, or a handler's timeout).</summary>
    Timeout,

    /// <summary>Integry did not accept the app key, the user id or the hash.</summary>
    Authentication,

    /// <summary>What was asked for does not exist at Integry (a function or an app), or the address answered 404.</summary>
    NotFound,

    /// <summary>The server failed: a 5xx answer, or 429 too many requests.</summary>
    Server,

    /// <summary>The other side answered in a way that is not part of the protocol: a body that is not valid, a status the SDK does not expect, a response too large, or a request Integry did not understand.</summary>
    Protocol,

    /// <summary>The caller's <see cref="ICredentialProvider"/> failed.</summary>
    CredentialProvider,

    /// <summary>The function was not run: <see cref="Result.EnsureExecuted"/> found a <see cref="Result.Rejected"/> (see <see cref="IntegryRejectedException"/>).</summary>
    Rejected,
}
