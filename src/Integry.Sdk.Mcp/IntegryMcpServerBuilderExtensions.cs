using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integry.Sdk.Mcp;

/// <summary>Adds a user's Integry functions to an MCP server as tools.</summary>
public static class IntegryMcpServerBuilderExtensions
{
    /// <summary>
    /// Serves the Integry functions of each session's user as MCP tools, over whatever transport the server uses (stdio,
    /// streamable HTTP). Tools are listed per request from Integry (filtered by the policies) and every call goes through
    /// the registered <see cref="IntegryClient"/> (<c>AddIntegry</c>), its policies checked before anything is sent.
    /// </summary>
    /// <param name="builder">The MCP server builder (<c>services.AddMcpServer()</c>).</param>
    /// <param name="configure">Sets the user, the policy and which functions; <see langword="null"/> for the client's user, actions and queries.</param>
    /// <returns>The builder.</returns>
    public static IMcpServerBuilder AddIntegryMcpTools(this IMcpServerBuilder builder, Action<IntegryMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<IntegryMcpOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddSingleton<IntegryMcpTools>();
        return builder
            .WithListToolsHandler((request, cancellationToken) => Tools(request).ListAsync(request, cancellationToken))
            .WithCallToolHandler((request, cancellationToken) => Tools(request).CallAsync(request, cancellationToken));
    }

    private static IntegryMcpTools Tools(ModelContextProtocol.Server.MessageContext request) =>
        (request.Services ?? request.Server.Services ?? throw new InvalidOperationException("The MCP server has no service provider; register it with services.AddMcpServer()."))
            .GetRequiredService<IntegryMcpTools>();
}
