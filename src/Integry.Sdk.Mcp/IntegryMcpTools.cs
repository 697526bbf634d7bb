using System.Text.Json;
using Integry.Sdk.AI;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Integry.Sdk.Mcp;

/// <summary>Answers <c>tools/list</c> and <c>tools/call</c> with the functions of the request's user, through the client and its policies.</summary>
internal sealed class IntegryMcpTools(IntegryClient client, IOptions<IntegryMcpOptions> options)
{
    private readonly IntegryMcpOptions _options = options.Value;

    public async ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken)
    {
        var user = ClientFor(request) ?? throw new McpException("This MCP server knows no Integry user for the session: set IntegryMcpOptions.UserId or UserIdResolver.");
        var functions = await user.GetAIFunctionsAsync(_options.Tools, cancellationToken).ConfigureAwait(false);
        return new ListToolsResult
        {
            Tools = functions.Select(function => new Tool { Name = function.Name, Description = function.Description, InputSchema = function.JsonSchema }).ToList(),
        };
    }

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new McpException("tools/call needs the tool's name.");
        }

        if (ClientFor(request) is not { } user)
        {
            return Error("This MCP server knows no Integry user for the session: set IntegryMcpOptions.UserId or UserIdResolver.");
        }

        if (!_options.Tools.IncludePassthrough && name.EndsWith("-passthrough-request", StringComparison.OrdinalIgnoreCase))
        {
            // The name is not quoted back: it is the caller's text, of any length, and the caller knows which tool it called.
            return Error("Passthrough functions are not tools of this server: they are not offered (IntegryMcpOptions.Tools.IncludePassthrough).");
        }

        Result result;
        try
        {
            result = await user.InvokeFunctionAsync(name, Arguments(request.Params!.Arguments), new InvokeFunctionOptions { ConnectedAccountId = _options.Tools.ConnectedAccountId }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            // Bad names and arguments are the caller's to fix: they come back as a rejection, like Integry's own.
            result = Result.Rejected.InvalidArguments(new Dictionary<string, string>(StringComparer.Ordinal) { [exception.ParamName ?? "arguments"] = exception.Message });
        }
        catch (IntegryException exception)
        {
            return Error(exception.Message);
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = result.ToJson() }],
            IsError = !result.IsExecuted,
        };
    }

    private IntegryClient? ClientFor(MessageContext request)
    {
        var userId = _options.UserIdResolver?.Invoke(request) ?? _options.UserId;
        var user = userId is null ? client.UserId is null ? null : client : client.ForUser(userId);
        return user is null || _options.Policy is null ? user : user.WithPolicy(_options.Policy);
    }

    private static JsonElement Arguments(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(name);
                if (value.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static CallToolResult Error(string message) => new() { Content = [new TextContentBlock { Text = message }], IsError = true };
}
