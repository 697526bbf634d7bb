using System.Text.Json.Serialization;

namespace Integry.Sdk.Tests.TestSupport;

[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
