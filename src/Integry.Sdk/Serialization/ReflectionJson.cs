using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Integry.Sdk.Serialization;

/// <summary>Reflection-based JSON for the one convenience overload that takes arguments as any object.</summary>
internal static class ReflectionJson
{
    public static JsonSerializerOptions Options
    {
        [RequiresUnreferencedCode("Reflection-based serialisation.")]
        [RequiresDynamicCode("Reflection-based serialisation.")]
        get => s_options ??= new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    }

    private static JsonSerializerOptions? s_options;
}
