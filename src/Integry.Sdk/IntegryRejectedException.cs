namespace Integry.Sdk;

/// <summary>
/// Thrown by <see cref="Result.EnsureExecuted"/> when the function was not run; <see cref="Rejection"/> says why.
/// </summary>
/// <remarks>
/// A call never throws this by itself: a rejected call returns <see cref="Result.Rejected"/>. This exception is for
/// code that prefers to treat a rejection as a failure. <see cref="IntegryException.Kind"/> is
/// <see cref="IntegryErrorKind.Rejected"/>; it is never transient (the same call is rejected again until something
/// changes, such as the user connecting the app).
/// </remarks>
public sealed class IntegryRejectedException : IntegryException
{
    /// <summary>Creates the exception for a rejection.</summary>
    /// <param name="rejection">The rejected result.</param>
    public IntegryRejectedException(Result.Rejected rejection)
        : base(Describe(rejection), IntegryErrorKind.Rejected, isTransient: false, innerException: null)
    {
        Rejection = rejection;
    }

    /// <summary>Gets the rejected result: its <see cref="Result.Rejected.Reason"/>, error and details.</summary>
    public Result.Rejected Rejection { get; }

    private static string Describe(Result.Rejected rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);

        // The texts are Integry's or the local executor's, already free of secrets; the first detail is the useful one.
        var detail = rejection.ErrorDetails.Count > 0 ? rejection.ErrorDetails[0] : rejection.Error;
        return $"The function was not run ({rejection.Reason}): {detail}";
    }
}
