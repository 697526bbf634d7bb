using System.Text.Json;

namespace Integry.Sdk.Passthrough;

/// <summary>The JSON Schema of every passthrough function's arguments, <c>{method, url, body}</c>.</summary>
internal static class PassthroughFunctionSchema
{
    public static readonly JsonElement Parameters = Parse($$"""
        {
          "type": "object",
          "properties": {
            "method": { "type": "string", "description": "Request method", "enum": ["{{string.Join("\", \"", "GET POST PUT PATCH DELETE HEAD OPTIONS".Split(' '))}}"] },
            "url": { "type": "string", "description": "Request URL: absolute on the app's host, or relative to its base URL" },
            "body": { "type": "object", "description": "Request body" }
          },
          "required": ["method", "url"]
        }
        """);

    public static IntegryFunction For(AppDefinition app, bool includeMeta) => new()
    {
        Name = app.FunctionName,
        Description = $"Send a request to the {app.DisplayName} API with the user's {app.DisplayName} credentials.",
        Parameters = Parameters,
        Meta = includeMeta ? Meta(app) : null,
    };

    private static IntegryFunctionMeta Meta(AppDefinition app) => new()
    {
        Type = "PASSTHROUGH",
        App = Apps.LocalApps.Describe(app, []),
    };

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
