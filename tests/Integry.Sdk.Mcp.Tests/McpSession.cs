using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Integry.Sdk.Mcp.Tests;

/// <summary>One scripted MCP client session: list the tools, call one, call a denied one; every exchange logged.</summary>
internal static class McpSession
{
    public static async Task<SessionOutcome> RunAsync(McpClient client, string transport)
    {
        var log = new StringBuilder();
        log.AppendLine(FormattableString.Invariant($"[{transport}] connected to {client.ServerInfo?.Name} {client.ServerInfo?.Version}"));
        var tools = await client.ListToolsAsync();
        log.AppendLine(FormattableString.Invariant($"[{transport}] tools/list -> {string.Join(", ", tools.Select(tool => tool.Name))}"));

        var contacts = await CallAsync(client, log, transport, "crm-passthrough-request", """{"method":"GET","url":"v1/contacts"}""");
        var denied = await CallAsync(client, log, transport, "tickets-passthrough-request", """{"method":"DELETE","url":"v1/tickets/t-7"}""");
        var unlisted = await CallAsync(client, log, transport, "billing-passthrough-request", """{"method":"GET","url":"v1/invoices"}""");
        return new SessionOutcome(tools.Select(tool => tool.Name).ToArray(), tools, contacts, denied, unlisted, log.ToString());
    }

    private static async Task<CallToolResult> CallAsync(McpClient client, StringBuilder log, string transport, string tool, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var arguments = document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value.Clone());
        var result = await client.CallToolAsync(tool, arguments);
        log.AppendLine(FormattableString.Invariant($"[{transport}] tools/call {tool} {argumentsJson} -> isError={result.IsError == true} {Text(result)}"));
        return result;
    }

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}

internal sealed record SessionOutcome(string[] ToolNames, IList<McpClientTool> Tools, CallToolResult Contacts, CallToolResult Denied, CallToolResult Unlisted, string Log);
