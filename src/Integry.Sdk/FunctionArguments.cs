using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <summary>
/// The arguments of a function call: a JSON object. Pass a <see cref="JsonObject"/> or a <see cref="JsonElement"/>
/// directly (they convert implicitly), typed arguments through <see cref="From{T}(T, JsonTypeInfo{T})"/>, or any
/// object through <see cref="FromObject(object)"/> when reflection is available.
/// </summary>
/// <remarks>
/// One type for every argument form keeps one overload per call shape, so every <see cref="InvokeFunctionOptions"/>
/// is reachable whatever the arguments are. The <see langword="default"/> value, like a <see langword="null"/>
/// <see cref="JsonObject"/>, means no arguments (<c>{}</c>). Whether the value is a JSON object is checked when the
/// call is made, with an <see cref="ArgumentException"/>, before anything is sent.
/// </remarks>
public readonly struct FunctionArguments
{
    private readonly JsonObject? _node;
    private readonly JsonElement _element;

    private FunctionArguments(JsonObject? node, JsonElement element, PassthroughRequest? passthrough = null)
    {
        _node = node;
        _element = element;
        Passthrough = passthrough;
    }

    /// <summary>Gets the typed passthrough these arguments were made from, with what JSON cannot carry (headers, non-JSON bodies).</summary>
    internal PassthroughRequest? Passthrough { get; }

    /// <summary>Gets the arguments as a JSON value: an object, or <see cref="JsonValueKind.Undefined"/> when there are none.</summary>
    /// <returns>The arguments.</returns>
    public JsonElement ToJsonElement() =>
        _node is not null ? JsonSerializer.SerializeToElement(_node, IntegryJsonContext.Default.JsonObject) : _element;

    /// <summary>The <c>{method, url, body}</c> of a typed passthrough, carrying the request itself for the local executor.</summary>
    internal static FunctionArguments ForPassthrough(JsonElement arguments, PassthroughRequest request) => new(null, arguments, request);

    /// <summary>Wraps a JSON object; <see langword="null"/> means no arguments.</summary>
    /// <param name="arguments">The arguments.</param>
    public static implicit operator FunctionArguments(JsonObject? arguments) => new(arguments, default);

    /// <summary>Wraps a JSON element; it must be an object (or <c>null</c>/undefined for no arguments).</summary>
    /// <param name="arguments">The arguments.</param>
    public static implicit operator FunctionArguments(JsonElement arguments) => new(null, arguments);

    /// <summary>Wraps a JSON object; <see langword="null"/> means no arguments. The named form of the implicit conversion.</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The arguments.</returns>
    public static FunctionArguments FromJsonObject(JsonObject? arguments) => arguments;

    /// <summary>Wraps a JSON element. The named form of the implicit conversion.</summary>
    /// <param name="arguments">The arguments; a JSON object.</param>
    /// <returns>The arguments.</returns>
    public static FunctionArguments FromJsonElement(JsonElement arguments) => arguments;

    /// <summary>Serialises typed arguments through your source-generated JSON metadata (trimming and AOT safe).</summary>
    /// <typeparam name="T">The type of the arguments; it must serialise to a JSON object.</typeparam>
    /// <param name="value">The arguments.</param>
    /// <param name="typeInfo">The JSON metadata of <typeparamref name="T"/>, such as <c>MyJsonContext.Default.PostMessage</c>.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is <see langword="null"/>.</exception>
    public static FunctionArguments From<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new(null, JsonSerializer.SerializeToElement(value, typeInfo));
    }

    /// <summary>Serialises any object, such as an anonymous one, by reflection; its properties become the JSON members (camelCase).</summary>
    /// <param name="value">The arguments.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    [RequiresUnreferencedCode("Serialises the arguments by reflection. Use a JsonObject, a JsonElement or FunctionArguments.From(value, JsonTypeInfo) in trimmed apps.")]
    [RequiresDynamicCode("Serialises the arguments by reflection. Use a JsonObject, a JsonElement or FunctionArguments.From(value, JsonTypeInfo) in AOT apps.")]
    public static FunctionArguments FromObject(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            // A JSON value given as object keeps its exact content instead of being reflected over.
            JsonObject node => node,
            JsonElement element => element,
            _ => new(null, JsonSerializer.SerializeToElement(value, value.GetType(), ReflectionJson.Options)),
        };
    }

    /// <inheritdoc />
    public override string ToString() => ToJsonElement() is { ValueKind: not JsonValueKind.Undefined } element ? element.GetRawText() : "{}";
}
