
namespace Integry.Sdk.Emulator;

/// <summary>The legacy routes of the passthrough brief: <c>POST /&lt;app&gt;-passthrough-request</c> and <c>GET /functions?type=passthrough</c>.</summary>
internal static class LegacyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorState state)
    {
        routes.MapPost("/{name}", (string name, HttpRequest request) =>
            PassthroughFunctionName.IsPassthrough(name)
                ? FunctionEndpoints.CallAsync(name, request, state)
                : Task.FromResult(WireBodies.Detail(StatusCodes.Status404NotFound, "Not found.")));
        routes.MapGet("/functions", (HttpRequest request) => FunctionEndpoints.ListAsync(request, state));
    }
}
