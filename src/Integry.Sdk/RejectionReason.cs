namespace Integry.Sdk;

/// <summary>Why a function was not run: the machine-readable side of <see cref="Result.Rejected"/>.</summary>
/// <remarks>
/// The reason is not part of Integry's wire JSON. The local executor sets it; on Integry's path, and when a result is
/// read with <see cref="Result.Parse(string)"/>, it is worked out from Integry's texts. Anything not recognised is
/// <see cref="Other"/>, so new texts never break a caller's <c>switch</c>.
/// </remarks>
public enum RejectionReason
{
    /// <summary>A reason the SDK does not recognise; read <see cref="Result.Rejected.Error"/> and <see cref="Result.Rejected.ErrorDetails"/>.</summary>
    Other = 0,

    /// <summary>The user has not connected an account of the app the function needs.</summary>
    NotConnected,

    /// <summary>The user's connection expired or broke and could not be refreshed: the user has to connect the account again.</summary>
    ReconnectRequired,

    /// <summary>The arguments are not valid; <see cref="Result.Rejected.FieldErrors"/> names each parameter and its problem.</summary>
    InvalidArguments,

    /// <summary>There is no function with the given name.</summary>
    FunctionNotFound,

    /// <summary>The user has no connected account with the given connected account id.</summary>
    AccountNotFound,

    /// <summary>The stored credential is of a kind the app's API does not take (an API key for a bearer-token app, say).</summary>
    CredentialKindNotAccepted,

    /// <summary>The client's passthrough policy does not allow the call; nothing was sent.</summary>
    DeniedByPolicy,

    /// <summary>The client has no executor for the function: it needs Integry's API, and no app key and secret are set.</summary>
    NoExecutor,
}
