using System.Text.Json.Nodes;

namespace Integry.Sdk;

/// <summary>
/// Optional settings of one function call, for <see cref="IntegryClient.InvokeFunctionAsync(string, FunctionArguments, InvokeFunctionOptions?, CancellationToken)"/>
/// and <see cref="IntegryClient.PassthroughAsync(string, PassthroughRequest, InvokeFunctionOptions?, CancellationToken)"/>.
/// </summary>
/// <remarks>A new option is a new property here, never a new overload, so every argument form reaches every option.</remarks>
public sealed class InvokeFunctionOptions
{
    /// <summary>Gets or sets the connected account to run the function with, when the user has connected several accounts of the app.</summary>
    public string? ConnectedAccountId { get; set; }

    /// <summary>Gets or sets values for <c>{tag}</c> references inside argument strings (<c>_variables</c>).</summary>
    public JsonObject? Variables { get; set; }

    /// <summary>Gets or sets the function version to run (the <c>Version</c> header); the latest when <see langword="null"/>.</summary>
    public string? Version { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether Integry may run the call with an account connected at the workspace level
    /// (<c>allow_workspace_connected_accounts=true</c>, as Integry's Python SDK sends). The local executor ignores it: its
    /// credential provider decides which accounts a user may use.
    /// </summary>
    public bool AllowWorkspaceConnectedAccounts { get; set; }
}
