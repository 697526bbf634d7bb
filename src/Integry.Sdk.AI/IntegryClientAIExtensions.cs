using Microsoft.Extensions.AI;

namespace Integry.Sdk.AI;

/// <summary>Lists a user's Integry functions as <see cref="AIFunction"/> tools.</summary>
public static class IntegryClientAIExtensions
{
    private const string PassthroughSuffix = "-passthrough-request";

    /// <summary>
    /// Lists the functions the client's user may call as tools: actions and queries by default (passthroughs only when
    /// asked), or the functions Integry predicts for <see cref="IntegryAIFunctionsOptions.Prompt"/>, without those the
    /// client's <see cref="IntegryClient.Policies"/> would deny by name.
    /// </summary>
    /// <param name="client">The client for the user the tools act for (see <see cref="IntegryClient.ForUser"/>).</param>
    /// <param name="options">Which functions; <see langword="null"/> for actions and queries of every app.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>One tool per function, in Integry's order (best first for a prompt), each name once.</returns>
    /// <exception cref="ArgumentException">The options combine <see cref="IntegryAIFunctionsOptions.Prompt"/> with <see cref="IntegryAIFunctionsOptions.Search"/>, or the prompt is white space; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">A prompt was given but the client cannot reach Integry's predict (no app key and secret).</exception>
    /// <exception cref="IntegryException">The functions could not be listed or predicted.</exception>
    public static async Task<IReadOnlyList<AIFunction>> GetAIFunctionsAsync(this IntegryClient client, IntegryAIFunctionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new IntegryAIFunctionsOptions();
        if (options.Prompt is { } prompt)
        {
            if (string.IsNullOrWhiteSpace(prompt))
            {
                throw new ArgumentException("IntegryAIFunctionsOptions.Prompt is empty: give what the user wants done, or leave it null to list functions.", nameof(options));
            }

            if (options.Search is not null)
            {
                throw new ArgumentException("IntegryAIFunctionsOptions.Prompt and Search both pick functions: set one of them.", nameof(options));
            }
        }

        var policies = client.Policies;
        var tools = new List<AIFunction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(IEnumerable<IntegryFunction> functions)
        {
            foreach (var function in functions)
            {
                if (policies.All(policy => policy.AllowsFunction(function.Name)) && seen.Add(function.Name))
                {
                    tools.Add(new IntegryAIFunction(client, function, options.ConnectedAccountId));
                }
            }
        }

        if (options.Prompt is not null)
        {
            Add(await PredictAsync(client, options, cancellationToken).ConfigureAwait(false));
            return tools;
        }

        var filters = new ListFunctionsOptions { App = options.App, ConnectedOnly = options.ConnectedOnly, Search = options.Search };
        foreach (var type in TypesOf(options))
        {
            Add(await client.ListFunctionsAsync(type, filters, cancellationToken).ConfigureAwait(false));
        }

        return tools;
    }

    /// <summary>Integry's predicted functions for the prompt, kept only when they pass the type and app filters.</summary>
    private static async Task<IEnumerable<IntegryFunction>> PredictAsync(IntegryClient client, IntegryAIFunctionsOptions options, CancellationToken cancellationToken)
    {
        // The meta carries each function's type and app, which the filters need.
        var predicted = await client.PredictFunctionsAsync(
            options.Prompt!,
            new PredictFunctionsOptions { ConnectedOnly = options.ConnectedOnly, IncludeMeta = true },
            cancellationToken).ConfigureAwait(false);
        var types = TypesOf(options);
        return predicted.Where(function =>
            TypeOf(function) is { } type ? Array.IndexOf(types, type) >= 0 : options.Type is null)
            .Where(function => options.App is not { } app || AppOf(function) is { } name && string.Equals(name, app, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The function's type from its meta, else from its name when it is a passthrough; <see langword="null"/> when unknown.</summary>
    private static FunctionType? TypeOf(IntegryFunction function) => function.Meta?.Type?.ToUpperInvariant() switch
    {
        "ACTION" => FunctionType.Action,
        "QUERY" => FunctionType.Query,
        "PASSTHROUGH" => FunctionType.Passthrough,
        _ => IsPassthrough(function.Name) ? FunctionType.Passthrough : null,
    };

    private static string? AppOf(IntegryFunction function) =>
        function.Meta?.App?.Name is { Length: > 0 } name ? name
        : IsPassthrough(function.Name) ? function.Name[..^PassthroughSuffix.Length]
        : null;

    private static bool IsPassthrough(string functionName) =>
        functionName.EndsWith(PassthroughSuffix, StringComparison.OrdinalIgnoreCase) && functionName.Length > PassthroughSuffix.Length;

    private static FunctionType[] TypesOf(IntegryAIFunctionsOptions options) => options.Type switch
    {
        { } only when only == FunctionType.Passthrough || !options.IncludePassthrough => [only],
        { } only => [only, FunctionType.Passthrough],
        null when options.IncludePassthrough => [FunctionType.Action, FunctionType.Query, FunctionType.Passthrough],
        null => [FunctionType.Action, FunctionType.Query],
    };
}
