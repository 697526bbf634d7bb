using System.Buffers;
using System.Text.Json;

namespace Integry.Sdk.Emulator;

/// <summary>The JSON bodies the emulator answers with, written in Integry's shapes.</summary>
internal static class WireBodies
{
    public static IResult Json(int status, Action<Utf8JsonWriter> write, IReadOnlyDictionary<string, string>? headers = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new JsonBytesResult(status, buffer.WrittenMemory, headers);
    }

    public static IResult Raw(int status, string json, IReadOnlyDictionary<string, string>? headers = null) =>
        new JsonBytesResult(status, System.Text.Encoding.UTF8.GetBytes(json), headers);

    public static IResult Detail(int status, string detail) => Json(status, writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("detail", detail);
        writer.WriteEndObject();
    });

    public static void WriteFunction(Utf8JsonWriter writer, IntegryFunction function)
    {
        writer.WriteStartObject();
        writer.WriteString("name", function.Name);
        writer.WriteString("description", function.Description);
        writer.WritePropertyName("parameters");
        function.Parameters.WriteTo(writer);
        if (function.Meta is { } meta)
        {
            writer.WritePropertyName("meta");
            JsonSerializer.Serialize(writer, meta, Integry.Sdk.Remote.ServerApiJsonContext.Default.IntegryFunctionMeta);
        }

        if (function.Arguments is { } arguments)
        {
            writer.WritePropertyName("arguments");
            arguments.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads a boolean query flag the way Integry's SDKs send it (<c>true</c>, or Python's <c>True</c>).</summary>
    public static bool IsTrue(Microsoft.Extensions.Primitives.StringValues value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    public static void WriteCursor(Utf8JsonWriter writer, string? cursor)
    {
        if (cursor is null)
        {
            writer.WriteNull("_cursor");
        }
        else
        {
            writer.WriteString("_cursor", cursor);
        }
    }

    private sealed class JsonBytesResult(int status, ReadOnlyMemory<byte> body, IReadOnlyDictionary<string, string>? headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            if (headers is not null)
            {
                foreach (var (name, value) in headers)
                {
                    httpContext.Response.Headers[name] = value;
                }
            }

            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
