using System.Text.Json.Nodes;

namespace Integry.Sdk;

/// <summary>Optional settings of <see cref="IntegryClient.GetFunctionAsync"/>.</summary>
public sealed class GetFunctionOptions
{
    /// <summary>Gets or sets a prompt Integry predicts the function's <see cref="IntegryFunction.Arguments"/> from; none when <see langword="null"/>.</summary>
    /// <remarks>Predicting needs Integry's model: with a prompt, the call goes to Integry even for a passthrough function.</remarks>
    public string? Prompt { get; set; }

    /// <summary>Gets or sets values Integry maps into the predicted arguments as <c>{tag}</c> references (<c>_variables</c>).</summary>
    public JsonObject? Variables { get; set; }

    /// <summary>Gets or sets a value indicating whether the function carries its <see cref="IntegryFunction.Meta"/> (<c>include=meta</c>).</summary>
    public bool IncludeMeta { get; set; }
}
