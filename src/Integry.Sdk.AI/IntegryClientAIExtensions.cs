using Microsoft.Extensions.AI;

namespace Integry.Sdk.AI;

/// <summary>Lists a user's Integry functions as <see cref="AIFunction"/> tools.</summary>
public static class IntegryClientAIExtensions
{
    /// <summary>
    /// Lists the functions the client's user may call as tools: actions and queries by default (passthroughs only when
    /// asked), without those the client's <see cref="IntegryClient.Policies"/> would deny by name.
    /// </summary>
    /// <param name="client">The client for the user the tools act for (see <see cref="IntegryClient.ForUser"/>).</param>
    /// <param name="options">Which functions; <see langword="null"/> for actions and queries of every app.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>One tool per function, in Integry's order, each name once.</returns>
    /// <exception cref="IntegryException">The functions could not be listed.</exception>
    public static async Task<IReadOnlyList<AIFunction>> GetAIFunctionsAsync(this IntegryClient client, IntegryAIFunctionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new IntegryAIFunctionsOptions();
        var filters = new ListFunctionsOptions { App = options.App, ConnectedOnly = options.ConnectedOnly, Search = options.Search };
        var policies = client.Policies;
        var tools = new List<AIFunction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in TypesOf(options))
        {
            var functions = await client.ListFunctionsAsync(type, filters, cancellationToken).ConfigureAwait(false);
            foreach (var function in functions)
            {
                if (policies.All(policy => policy.AllowsFunction(function.Name)) && seen.Add(function.Name))
                {
                    tools.Add(new IntegryAIFunction(client, function, options.ConnectedAccountId));
                }
            }
        }

        return tools;
    }

    private static FunctionType[] TypesOf(IntegryAIFunctionsOptions options) => options.Type switch
    {
        { } only when only == FunctionType.Passthrough || !options.IncludePassthrough => [only],
        { } only => [only, FunctionType.Passthrough],
        null when options.IncludePassthrough => [FunctionType.Action, FunctionType.Query, FunctionType.Passthrough],
        null => [FunctionType.Action, FunctionType.Query],
    };
}
