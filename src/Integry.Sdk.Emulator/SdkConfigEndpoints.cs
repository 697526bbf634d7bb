namespace Integry.Sdk.Emulator;

/// <summary><c>GET /verify-sdk-config/</c>: the check Integry's browser SDK makes at start-up, before it calls anything else.</summary>
/// <remarks>
/// The browser SDK sends its app key (and the user's id and hash) as query parameters and stays "not ready" on a 404.
/// Integry does not document the answer's body; the emulator answers 200 <c>{"valid": true}</c> to a signed request
/// and Integry's 403 to anything else (the signature check of every route).
/// </remarks>
internal static class SdkConfigEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/verify-sdk-config/", () => WireBodies.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", true);
            writer.WriteEndObject();
        }));
    }
}
