using System.Text.Json;

namespace Integry.Sdk.Emulator;

/// <summary>Reads a request body as a JSON object, answering malformed input with a clear 4xx instead of a fault.</summary>
internal static class RequestBody
{
    public static async Task<(JsonElement Body, IResult? Problem)> ReadObjectAsync(HttpRequest request)
    {
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException exception)
        {
            return (default, WireBodies.Detail(exception.StatusCode, exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body is too large." : exception.Message));
        }

        if (bytes.Length == 0)
        {
            return (EmptyObject(), null);
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, WireBodies.Detail(StatusCodes.Status400BadRequest, $"Invalid data. Expected a dictionary, but got {document.RootElement.ValueKind.ToString().ToLowerInvariant()}."));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException exception)
        {
            return (default, WireBodies.Detail(StatusCodes.Status400BadRequest, $"JSON parse error - {exception.Message}"));
        }
    }

    public static string? Cursor(JsonElement body, out IResult? problem)
    {
        problem = null;
        if (!body.TryGetProperty("_cursor", out var cursor) || cursor.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (cursor.ValueKind != JsonValueKind.String)
        {
            problem = WireBodies.Detail(StatusCodes.Status400BadRequest, "_cursor must be a string.");
            return null;
        }

        return cursor.GetString();
    }

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
