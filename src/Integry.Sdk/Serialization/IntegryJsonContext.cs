using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Integry.Sdk.Serialization;

/// <summary>The one source-generated context every wire type goes through: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(Result.Executed))]
[JsonSerializable(typeof(Result.Rejected))]
[JsonSerializable(typeof(IntegryFunction))]
[JsonSerializable(typeof(FunctionListPage))]
[JsonSerializable(typeof(PageRequest))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Integry.Sdk.Apps.CatalogFile))]
internal sealed partial class IntegryJsonContext : JsonSerializerContext
{
    private static IntegryJsonContext? s_indented;
    private static IntegryJsonContext? s_wire;

    /// <summary>Gets a context that writes compact JSON with text as Integry writes it (backticks and quotes unescaped).</summary>
    public static IntegryJsonContext Wire => s_wire ??= new IntegryJsonContext(new JsonSerializerOptions(Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>Gets a context that writes indented JSON, for people to read.</summary>
    public static IntegryJsonContext Indented => s_indented ??= new IntegryJsonContext(new JsonSerializerOptions(Default.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
