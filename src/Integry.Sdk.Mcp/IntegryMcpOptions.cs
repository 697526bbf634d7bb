using Integry.Sdk.AI;
using ModelContextProtocol.Server;

namespace Integry.Sdk.Mcp;

/// <summary>Settings of the Integry tools of an MCP server: whose functions, which ones, and what they may do.</summary>
public sealed class IntegryMcpOptions
{
    /// <summary>Gets or sets the end user every session acts for, such as the one user of a stdio server; the client's own user when <see langword="null"/>.</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// Gets or sets how to find the end user of a request, such as a claim of the authenticated HTTP user
    /// (<see cref="MessageContext.User"/>); when it returns <see langword="null"/>, <see cref="UserId"/> applies.
    /// </summary>
    public Func<MessageContext, string?>? UserIdResolver { get; set; }

    /// <summary>Gets or sets what the tools may call, on top of the client's own policies; tools it denies by name are not listed, and every call is checked in full.</summary>
    public PassthroughPolicy? Policy { get; set; }

    /// <summary>Gets which functions become tools (type, app, connected only, search, passthroughs); actions and queries by default.</summary>
    public IntegryAIFunctionsOptions Tools { get; } = new();
}
