using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Tool;

/// <summary>Indented JSON for the --table view's bodies, through a source-generated context.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class IndentedJson : JsonSerializerContext;
