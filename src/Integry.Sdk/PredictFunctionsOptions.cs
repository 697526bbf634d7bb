using System.Text.Json.Nodes;

namespace Integry.Sdk;

/// <summary>Optional settings of <see cref="IntegryClient.PredictFunctionsAsync"/>.</summary>
public sealed class PredictFunctionsOptions
{
    /// <summary>Gets or sets a value indicating whether Integry also predicts each function's <see cref="IntegryFunction.Arguments"/> (<c>predict_arguments=true</c>).</summary>
    public bool PredictArguments { get; set; }

    /// <summary>Gets or sets values Integry maps into the predicted arguments as <c>{tag}</c> references (<c>_variables</c>).</summary>
    public JsonObject? Variables { get; set; }

    /// <summary>Gets or sets a value indicating whether to consider only functions of apps the user has connected (<c>connected_only=true</c>).</summary>
    public bool ConnectedOnly { get; set; }

    /// <summary>Gets or sets a value indicating whether each function carries its <see cref="IntegryFunction.Meta"/> (<c>include=meta</c>).</summary>
    public bool IncludeMeta { get; set; }
}
