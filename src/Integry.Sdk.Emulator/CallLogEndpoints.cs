
namespace Integry.Sdk.Emulator;

/// <summary>The function calls log (executed calls only) at <c>GET /emulator/calls</c>, signed like every other route; <c>DELETE</c> clears it.</summary>
internal static class CallLogEndpoints
{
    public const string Route = "/emulator/calls";

    public static void Map(IEndpointRouteBuilder routes, EmulatorState state)
    {
        routes.MapGet(Route, () => WireBodies.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("calls");
            foreach (var record in state.CallLog.GetRecords())
            {
                writer.WriteStartObject();
                writer.WriteString("timestamp", record.Timestamp);
                writer.WriteNumber("duration_ms", record.Duration.TotalMilliseconds);
                writer.WriteString("user_id", record.UserId);
                writer.WriteString("function_name", record.FunctionName);
                writer.WriteString("app", record.App);
                writer.WriteString("connected_account_id", record.ConnectedAccountId);
                writer.WriteString("method", record.Method);
                writer.WriteString("url", record.Url);
                writer.WriteString("network_code", record.NetworkCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }));
        routes.MapDelete(Route, () =>
        {
            state.CallLog.Clear();
            return Results.NoContent();
        });
    }
}
