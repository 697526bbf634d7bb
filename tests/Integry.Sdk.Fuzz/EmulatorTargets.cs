using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.Fuzz;

/// <summary>The emulator's request bodies: any bytes become a JSON object or a clear 4xx, never an exception.</summary>
internal static class EmulatorTargets
{
    public static void RequestBody(byte[] bytes)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes, writable: false);
        context.Request.ContentLength = bytes.Length;
        var (body, problem) = Integry.Sdk.Emulator.RequestBody.ReadObjectAsync(context.Request).GetAwaiter().GetResult();
        if (problem is not null)
        {
            return;
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PropertyViolation($"A body without a problem is a {body.ValueKind}, not an object.");
        }

        Integry.Sdk.Emulator.RequestBody.Cursor(body, out _);
    }
}
