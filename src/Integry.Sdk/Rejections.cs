namespace Integry.Sdk;

/// <summary>Integry's own rejection texts, so a call rejected locally reads exactly like one rejected by Integry.</summary>
internal static class Rejections
{
    /// <summary>The summary Integry gives whenever it does not run a function because of its input.</summary>
    public const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    /// <summary>The <c>detail</c> of Integry's 404 for an unknown function.</summary>
    public const string FunctionNotFoundDetail = "Function not found";

    public static Result.Rejected NotConnected(string appDisplayName, string appSlug) => new(
        InvalidInput,
        [$"User has not connected their {appDisplayName} account. To connect an account, please call following SDK method: `connectApp('{appSlug}')`"]);

    public static Result.Rejected Reconnect(string appDisplayName, string appSlug) => new(
        InvalidInput,
        [$"The user's {appDisplayName} authorization has expired and could not be refreshed. Ask the user to reconnect their account: `connectApp('{appSlug}')`"]);

    public static Result.Rejected FunctionNotFound(string functionName) => new(
        FunctionNotFoundDetail,
        [$"There is no function named '{functionName}'."]);

    public static Result.Rejected InvalidArguments(IReadOnlyDictionary<string, string> fieldErrors) => new(InvalidInput, fieldErrors);

    public static Result.Rejected InvalidInputDetail(string detail) => new(InvalidInput, [detail]);

    public static Result.Rejected NoExecutor(string functionName) => new(
        "Could not call the function: no executor can run it.",
        [$"'{functionName}' needs Integry's API, but the client has no AppKey and AppSecret. Set them, or call only passthrough functions of apps in the local catalog."]);
}
