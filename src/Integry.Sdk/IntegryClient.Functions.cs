using System.Runtime.CompilerServices;
using Integry.Sdk.Remote;

namespace Integry.Sdk;

/// <summary>Listing, getting and predicting functions.</summary>
public partial class IntegryClient
{
    /// <summary>Lists every function of a type, following the pages to the end.</summary>
    /// <param name="type">The kind of function.</param>
    /// <param name="options">Filters; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The functions.</returns>
    /// <exception cref="IntegryException">The listing could not be completed (network, timeout, authentication, a cursor Integry refused).</exception>
    public virtual async Task<IReadOnlyList<IntegryFunction>> ListFunctionsAsync(FunctionType type, ListFunctionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var functions = new List<IntegryFunction>();
        await foreach (var function in EnumerateFunctionsAsync(type, options, cancellationToken).ConfigureAwait(false))
        {
            functions.Add(function);
        }

        return functions;
    }

    /// <summary>Lists the functions of a type as the pages arrive.</summary>
    /// <param name="type">The kind of function.</param>
    /// <param name="options">Filters; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The functions, page after page.</returns>
    public virtual async IAsyncEnumerable<IntegryFunction> EnumerateFunctionsAsync(FunctionType type, ListFunctionsOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RemoteExecutor.WireValue(type);
        if (type == FunctionType.Passthrough && _core.Passthrough is { } local)
        {
            await foreach (var function in local.ListFunctionsAsync(_userId, options, cancellationToken).ConfigureAwait(false))
            {
                yield return function;
            }

            yield break;
        }

        var remote = RequireRemote();
        var signature = RequireSignature();
        await foreach (var function in Paging.FollowAsync(
            (cursor, token) => remote.ListPageAsync(type, options, cursor, signature, token),
            page => (page.Functions, page.Cursor),
            cancellationToken).ConfigureAwait(false))
        {
            yield return function;
        }
    }

    /// <summary>Gets one function's description and argument schema, and optionally arguments predicted from a prompt.</summary>
    /// <param name="functionName">The function's name.</param>
    /// <param name="options">A prompt, <c>_variables</c> and <c>include=meta</c>; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The function; with <see cref="IntegryFunction.Arguments"/> when a prompt was given.</returns>
    /// <exception cref="ArgumentException">The name is not valid, or the prompt is empty; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">A prompt was given but the client has no AppKey and AppSecret: only Integry predicts arguments.</exception>
    /// <exception cref="IntegryNotFoundException">There is no such function.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    public virtual Task<IntegryFunction> GetFunctionAsync(string functionName, GetFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        FunctionNames.Validate(functionName);
        if (options?.Prompt is { } prompt && string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("GetFunctionOptions.Prompt is empty: give a prompt to predict arguments from, or leave it null.", nameof(options));
        }

        // The local executor knows its passthrough functions, but only Integry's model predicts arguments from a prompt.
        if (_core.Passthrough is { } local && PassthroughFunctionName.TryGetApp(functionName, out _) && (options?.Prompt is null || _core.Remote is null))
        {
            if (options?.Prompt is not null)
            {
                throw new InvalidOperationException(PredictionNeedsIntegry);
            }

            return Task.FromResult(local.GetFunction(functionName, options?.IncludeMeta == true)
                ?? throw Rejections.FunctionNotFoundException(functionName));
        }

        return RequireRemote().GetFunctionAsync(functionName, options, RequireSignature(), cancellationToken);
    }

    /// <summary>Asks Integry which functions fit a prompt, best first; optionally with predicted arguments.</summary>
    /// <param name="prompt">What the user wants done, in their words (<c>say hello to my team on Slack</c>).</param>
    /// <param name="options">Argument prediction, <c>_variables</c>, <c>connected_only</c> and <c>include=meta</c>; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The functions that fit, best first; empty when none does.</returns>
    /// <exception cref="ArgumentException">The prompt is empty; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no AppKey and AppSecret: prediction runs only at Integry, never in the local executor.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    public virtual Task<IReadOnlyList<IntegryFunction>> PredictFunctionsAsync(string prompt, PredictFunctionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prompt);
        var remote = _core.Remote ?? throw new InvalidOperationException(PredictionNeedsIntegry);
        return remote.PredictAsync(prompt, options, RequireSignature(), cancellationToken);
    }

    private const string PredictionNeedsIntegry =
        "Predicting functions or arguments from a prompt needs Integry's model, which runs only at Integry: set IntegryClientOptions.AppKey and AppSecret. The local passthrough executor cannot predict.";
}
