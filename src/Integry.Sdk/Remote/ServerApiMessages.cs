using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Remote;

/// <summary>One page of <c>POST apps/list/</c>.</summary>
internal sealed class AppListPage
{
    [JsonPropertyName("apps")]
    public List<IntegryApp> Apps { get; set; } = [];

    [JsonPropertyName(WireNames.Cursor)]
    public string? Cursor { get; set; }
}

/// <summary>The answer of <c>POST functions/predict/</c>: the functions that fit, best first; empty when none does.</summary>
internal sealed class PredictAnswer
{
    [JsonPropertyName("functions")]
    public List<IntegryFunction> Functions { get; set; } = [];
}

/// <summary>The body of <c>functions/{name}/get/</c> and <c>functions/predict/</c>: <c>{"prompt": …, "_variables": {…}}</c>, members only when given.</summary>
internal sealed class PromptBody
{
    [JsonPropertyName("prompt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Prompt { get; set; }

    [JsonPropertyName(WireNames.Variables)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Variables { get; set; }
}

/// <summary>The source-generated JSON of the apps, predict and get-with-prompt messages.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(AppListPage))]
[JsonSerializable(typeof(PredictAnswer))]
[JsonSerializable(typeof(PromptBody))]
[JsonSerializable(typeof(IntegryApp))]
[JsonSerializable(typeof(IntegryFunction))]
[JsonSerializable(typeof(IntegryFunctionMeta))]
internal sealed partial class ServerApiJsonContext : JsonSerializerContext;
