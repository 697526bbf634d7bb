namespace Integry.Sdk;

/// <summary>
/// Integry's own rejection texts, so a call rejected locally reads exactly like one rejected by Integry, and the one
/// place that tells the <see cref="RejectionReason"/> back from those texts.
/// </summary>
internal static class Rejections
{
    /// <summary>The summary Integry gives whenever it does not run a function because of its input.</summary>
    public const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    /// <summary>The <c>detail</c> of Integry's 404 for an unknown function.</summary>
    public const string FunctionNotFoundDetail = "Function not found";

    /// <summary>The summary of a call the client has no executor for.</summary>
    public const string NoExecutorError = "Could not call the function: no executor can run it.";

    /// <summary>The summary of a call the client's passthrough policy refused.</summary>
    public const string DeniedByPolicyError = "Could not call the function: the client's policy does not allow it.";

    public static Result.Rejected NotConnected(string appDisplayName, string appSlug) => Create(
        RejectionReason.NotConnected,
        InvalidInput,
        $"User has not connected their {appDisplayName} account. To connect an account, please call following SDK method: `connectApp('{appSlug}')`");

    public static Result.Rejected Reconnect(string appDisplayName, string appSlug) => Create(
        RejectionReason.ReconnectRequired,
        InvalidInput,
        $"The user's {appDisplayName} authorization has expired and could not be refreshed. Ask the user to reconnect their account: `connectApp('{appSlug}')`");

    public static Result.Rejected AccountNotFound(string appDisplayName, string appSlug, string connectedAccountId) => Create(
        RejectionReason.AccountNotFound,
        InvalidInput,
        $"User has no connected {appDisplayName} account with id '{connectedAccountId}'. To connect an account, please call following SDK method: `connectApp('{appSlug}')`");

    /// <summary>The rejection of a call the credential provider has no credential for: the account asked for, or any account of the app.</summary>
    public static Result.Rejected NoCredential(string appDisplayName, string appSlug, string? connectedAccountId) => connectedAccountId is null
        ? NotConnected(appDisplayName, appSlug)
        : AccountNotFound(appDisplayName, appSlug, connectedAccountId);

    public static Result.Rejected CredentialKindNotAccepted(string appDisplayName, string credentialKind) => Create(
        RejectionReason.CredentialKindNotAccepted,
        InvalidInput,
        $"{appDisplayName} does not accept {credentialKind} credentials; store the kind of credential its API takes.");

    public static Result.Rejected FunctionNotFound(string functionName) => Create(
        RejectionReason.FunctionNotFound,
        FunctionNotFoundDetail,
        $"There is no function named '{Excerpt.Of(functionName, 200)}'.");

    /// <summary>What <see cref="IntegryClient.GetFunctionAsync"/> throws for a function Integry does not have, as Integry's 404 reads.</summary>
    public static IntegryNotFoundException FunctionNotFoundException(string functionName) => new(
        $"Integry has no function '{Excerpt.Of(functionName, 200)}': {FunctionNotFoundDetail}.",
        System.Net.HttpStatusCode.NotFound,
        $$"""{"detail":"{{FunctionNotFoundDetail}}"}""");

    public static Result.Rejected InvalidArguments(IReadOnlyDictionary<string, string> fieldErrors) =>
        new(InvalidInput, fieldErrors) { Reason = RejectionReason.InvalidArguments };

    /// <summary>A rejection whose one detail is a text made elsewhere; its reason is read from that text.</summary>
    public static Result.Rejected InvalidInputDetail(string detail) => new(InvalidInput, [detail]);

    public static Result.Rejected DeniedByPolicy(string detail) => Create(RejectionReason.DeniedByPolicy, DeniedByPolicyError, detail);

    public static Result.Rejected NoExecutor(string functionName) => Create(
        RejectionReason.NoExecutor,
        NoExecutorError,
        $"'{functionName}' needs Integry's API, but the client has no AppKey and AppSecret. Set them, or call only passthrough functions of apps in the local catalog.");

    /// <summary>
    /// Tells the reason from the texts, as Integry and the local executor write them. It runs for every rejection read
    /// from the wire, so <c>Result.Parse(r.ToJson())</c> keeps the reason every factory above sets.
    /// </summary>
    public static RejectionReason Infer(string error, IReadOnlyList<string> details, bool detailsPerParameter)
    {
        if (string.Equals(error, FunctionNotFoundDetail, StringComparison.Ordinal))
        {
            return RejectionReason.FunctionNotFound;
        }

        if (string.Equals(error, NoExecutorError, StringComparison.Ordinal))
        {
            return RejectionReason.NoExecutor;
        }

        if (string.Equals(error, DeniedByPolicyError, StringComparison.Ordinal))
        {
            return RejectionReason.DeniedByPolicy;
        }

        // Integry sends error_details as an object exactly when it names the parameters that are wrong.
        if (detailsPerParameter)
        {
            return RejectionReason.InvalidArguments;
        }

        // Most specific first: "has no connected … account with id" also mentions connecting, "reconnect" is the fallback.
        if (Any(details, static detail => Has(detail, "has not connected")))
        {
            return RejectionReason.NotConnected;
        }

        if (Any(details, static detail => Has(detail, "no connected") && Has(detail, "account with id")))
        {
            return RejectionReason.AccountNotFound;
        }

        if (Any(details, static detail => Has(detail, " does not accept ") && Has(detail, " credentials")))
        {
            return RejectionReason.CredentialKindNotAccepted;
        }

        if (Any(details, static detail => Has(detail, FunctionNotFoundDetail)))
        {
            return RejectionReason.FunctionNotFound;
        }

        if (Any(details, static detail => Has(detail, "reconnect") || Has(detail, "expired")))
        {
            return RejectionReason.ReconnectRequired;
        }

        return RejectionReason.Other;
    }

    private static Result.Rejected Create(RejectionReason reason, string error, string detail) => new(error, [detail]) { Reason = reason };

    private static bool Any(IReadOnlyList<string> details, Func<string, bool> test)
    {
        foreach (var detail in details)
        {
            if (test(detail))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
