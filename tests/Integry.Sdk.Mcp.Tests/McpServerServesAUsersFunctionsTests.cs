using System.IO.Pipelines;
using System.Security.Claims;
using System.Text.Json;
using Integry.Sdk.AgentTests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Integry.Sdk.Mcp.Tests;

public class McpServerServesAUsersFunctionsTests
{
    [Test]
    public async Task Over_streamable_http_each_session_lists_its_users_tools_calls_one_and_gets_the_denial_of_another()
    {
        await using var world = await AgentWorld.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(UserlessClient(world));
        builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "integry-tools", Version = "1.0.0" })
            .WithHttpTransport()
            .AddIntegryMcpTools(options =>
            {
                options.UserIdResolver = request => request.User?.FindFirst("sub")?.Value;
                options.Policy = AgentWorld.ReadOnlyPolicy;
                options.Tools.IncludePassthrough = true;
            });
        await using var app = builder.Build();
        app.Use((context, next) =>
        {
            // A stand-in for real authentication: the bearer value names the user.
            if (context.Request.Headers.Authorization.ToString() is { Length: > 7 } header && header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", header[7..])], "test"));
            }

            return next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(app.Urls.Single() + "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + AgentWorld.UserId },
        });
        await using var client = await McpClient.CreateAsync(transport);
        var outcome = await McpSession.RunAsync(client, "streamable-http");
        await TestContext.Out.WriteLineAsync(outcome.Log);

        AssertOutcome(outcome);
        await app.StopAsync();
    }

    [Test]
    public async Task Over_stdio_streams_the_same_session_works_for_the_configured_user()
    {
        await using var world = await AgentWorld.StartAsync();
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(UserlessClient(world));
        builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "integry-tools", Version = "1.0.0" })
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .AddIntegryMcpTools(options =>
            {
                options.UserId = AgentWorld.UserId;
                options.Policy = AgentWorld.ReadOnlyPolicy;
                options.Tools.IncludePassthrough = true;
            });
        using var host = builder.Build();
        await host.StartAsync();

        var transport = new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream());
        await using (var client = await McpClient.CreateAsync(transport))
        {
            var outcome = await McpSession.RunAsync(client, "stdio");
            await TestContext.Out.WriteLineAsync(outcome.Log);
            AssertOutcome(outcome);
        }

        await clientToServer.Writer.CompleteAsync();
        await host.StopAsync();
    }

    [Test]
    public async Task Without_passthroughs_asked_for_a_passthrough_tool_is_neither_listed_nor_callable()
    {
        await using var world = await AgentWorld.StartAsync();
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(UserlessClient(world));
        builder.Services.AddMcpServer()
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .AddIntegryMcpTools(options => options.UserId = AgentWorld.UserId);
        using var host = builder.Build();
        await host.StartAsync();

        await using (var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream())))
        {
            var tools = await client.ListToolsAsync();
            var call = await client.CallToolAsync("crm-passthrough-request", new Dictionary<string, object?> { ["method"] = "GET", ["url"] = "v1/contacts" });
            // A name of any length: the refusal does not quote it back, and a name longer than any function is not found, quoted in part.
            var longPassthrough = await client.CallToolAsync(new string('a', 100_000) + "-passthrough-request", new Dictionary<string, object?> { ["method"] = "GET", ["url"] = "v1/contacts" });
            var longOther = await client.CallToolAsync("get-" + new string('b', 100_000), new Dictionary<string, object?>());

            Assert.That(tools, Is.Empty, "the emulator runs passthroughs only, and they were not asked for");
            Assert.That(call.IsError, Is.True);
            Assert.That(McpSession.Text(call), Is.EqualTo("Passthrough functions are not tools of this server: they are not offered (IntegryMcpOptions.Tools.IncludePassthrough)."));
            Assert.That(longPassthrough.IsError, Is.True);
            Assert.That(McpSession.Text(longPassthrough), Is.EqualTo(McpSession.Text(call)));
            Assert.That(longOther.IsError, Is.True);
            Assert.That(McpSession.Text(longOther), Does.Contain("Function not found").And.Length.LessThan(1_000), "not sent to Integry, whose server would refuse the URL");
        }

        Assert.That(world.Emulator.CallLog.GetRecords(), Is.Empty);
        await clientToServer.Writer.CompleteAsync();
        await host.StopAsync();
    }

    private static void AssertOutcome(SessionOutcome outcome)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcome.ToolNames, Is.EqualTo(new[] { "crm-passthrough-request", "tickets-passthrough-request" }), "billing is outside the policy, so it is not listed");
            Assert.That(outcome.Tools[0].JsonSchema.GetProperty("required").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "method", "url" }));
            Assert.That(outcome.Contacts.IsError, Is.Not.True);
            using var contacts = JsonDocument.Parse(McpSession.Text(outcome.Contacts));
            Assert.That(contacts.RootElement.GetProperty("output").GetProperty("contacts")[0].GetProperty("name").GetString(), Is.EqualTo("Ada Lovelace"));
            Assert.That(outcome.Denied.IsError, Is.True);
            Assert.That(McpSession.Text(outcome.Denied), Does.Contain("Denied by policy (rule: readOnly)."));
            Assert.That(outcome.Unlisted.IsError, Is.True);
            Assert.That(McpSession.Text(outcome.Unlisted), Does.Contain("Denied by policy (rule: apps)."));
        }
    }

    /// <summary>The server's client knows no user: each session's user comes from the MCP options.</summary>
    private static IntegryClient UserlessClient(AgentWorld world) =>
        new(new IntegryClientOptions { AppKey = AgentWorld.AppKey, AppSecret = AgentWorld.AppSecret, BaseAddress = world.Emulator.BaseAddress });
}
