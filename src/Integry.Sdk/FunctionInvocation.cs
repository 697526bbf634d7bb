using System.Text.Json;

namespace Integry.Sdk;

/// <summary>One validated function call on its way to an executor.</summary>
/// <param name="UserId">The end user the call is made for.</param>
/// <param name="FunctionName">The function's name, already checked to be a single path segment.</param>
/// <param name="Arguments">The arguments: a JSON object.</param>
/// <param name="ConnectedAccountId">The connected account to use, or <see langword="null"/> for the user's only one.</param>
/// <param name="Variables">The <c>_variables</c> object, if any.</param>
/// <param name="Version">The function version, if any.</param>
/// <param name="AllowWorkspaceConnectedAccounts">Whether Integry may use a workspace-level account (<c>allow_workspace_connected_accounts</c>).</param>
internal sealed record FunctionInvocation(
    string UserId,
    string FunctionName,
    JsonElement Arguments,
    string? ConnectedAccountId,
    JsonElement? Variables,
    string? Version,
    bool AllowWorkspaceConnectedAccounts = false)
{
    /// <summary>Gets the typed passthrough this invocation came from, with what its JSON arguments cannot carry (headers, non-JSON bodies).</summary>
    public PassthroughRequest? Request { get; init; }
}
