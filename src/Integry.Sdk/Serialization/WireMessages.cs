using System.Text.Json.Serialization;

namespace Integry.Sdk.Serialization;

/// <summary>One page of <c>POST functions/list/</c>.</summary>
internal sealed class FunctionListPage
{
    [JsonPropertyName("functions")]
    public List<IntegryFunction> Functions { get; set; } = [];

    [JsonPropertyName(WireNames.Cursor)]
    public string? Cursor { get; set; }
}

/// <summary>The body that asks for a page: <c>{}</c> for the first, <c>{"_cursor": "…"}</c> for the next.</summary>
internal sealed class PageRequest
{
    [JsonPropertyName(WireNames.Cursor)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cursor { get; set; }
}
