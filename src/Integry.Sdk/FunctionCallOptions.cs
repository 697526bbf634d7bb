using System.Text.Json;

namespace Integry.Sdk;

/// <summary>Optional settings of one function call.</summary>
public sealed class FunctionCallOptions
{
    /// <summary>Gets or sets the connected account to run the function with, when the user has connected several accounts of the app.</summary>
    public string? ConnectedAccountId { get; set; }

    /// <summary>Gets or sets values for <c>{tag}</c> references inside argument strings (<c>_variables</c>); a JSON object.</summary>
    public JsonElement? Variables { get; set; }

    /// <summary>Gets or sets the function version to run (the <c>Version</c> header); the latest when <see langword="null"/>.</summary>
    public string? Version { get; set; }
}
