using System.Text;
using System.Text.Json;

namespace Integry.Sdk.Remote;

/// <summary>Integry's function routes beyond call and list: <c>POST functions/{name}/get/</c> and <c>POST functions/predict/</c>.</summary>
internal sealed partial class RemoteExecutor
{
    public async Task<IntegryFunction> GetFunctionAsync(string functionName, GetFunctionOptions? options, RequestSignature signature, CancellationToken cancellationToken)
    {
        if (FunctionNames.IsLongerThanAny(functionName))
        {
            // Integry has no function of that name, and its server would refuse the URL: not found, nothing sent.
            throw Rejections.FunctionNotFoundException(functionName);
        }

        var query = new StringBuilder();
        if (options?.IncludeMeta == true)
        {
            QueryString.Append(query, "include", "meta");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new PromptBody { Prompt = options?.Prompt, Variables = options?.Variables }, ServerApiJsonContext.Default.PromptBody);
        var request = CreateRequest($"functions/{Uri.EscapeDataString(functionName)}/get/", query, signature, body);
        return await SendExpectingOkAsync(request, ServerApiJsonContext.Default.IntegryFunction, $"function '{Excerpt.Of(functionName, 200)}'", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IntegryFunction>> PredictAsync(string prompt, PredictFunctionsOptions? options, RequestSignature signature, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (options?.PredictArguments == true)
        {
            QueryString.Append(query, "predict_arguments", "true");
        }

        if (options?.ConnectedOnly == true)
        {
            QueryString.Append(query, "connected_only", "true");
        }

        if (options?.IncludeMeta == true)
        {
            QueryString.Append(query, "include", "meta");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new PromptBody { Prompt = prompt, Variables = options?.Variables }, ServerApiJsonContext.Default.PromptBody);
        var request = CreateRequest("functions/predict/", query, signature, body);
        var answer = await SendExpectingOkAsync(request, ServerApiJsonContext.Default.PredictAnswer, "prediction", cancellationToken).ConfigureAwait(false);
        return answer.Functions;
    }
}
