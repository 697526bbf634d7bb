using System.Text;
using System.Text.Json;
using Integry.Sdk.Apps;

namespace Integry.Sdk.Remote;

/// <summary>Integry's app routes: <c>POST apps/list/</c> and <c>POST apps/{name}/get/</c>.</summary>
internal sealed partial class RemoteExecutor
{
    public async Task<AppListPage> ListAppsPageAsync(ListAppsOptions? options, string? cursor, RequestSignature signature, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (options?.ConnectedOnly == true)
        {
            QueryString.Append(query, "connected_only", "true");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new Serialization.PageRequest { Cursor = cursor }, Serialization.IntegryJsonContext.Default.PageRequest);
        var request = CreateRequest("apps/list/", query, signature, body);
        return await SendExpectingOkAsync(request, ServerApiJsonContext.Default.AppListPage, "app list", cancellationToken).ConfigureAwait(false);
    }

    public async Task<IntegryApp> GetAppAsync(string appName, RequestSignature signature, CancellationToken cancellationToken)
    {
        if (FunctionNames.IsLongerThanAny(appName))
        {
            // Integry has no app of that name, and its server would refuse the URL: not found, nothing sent.
            throw LocalApps.NotFound(appName);
        }

        var request = CreateRequest($"apps/{Uri.EscapeDataString(appName)}/get/", new StringBuilder(), signature, "{}"u8.ToArray());
        return await SendExpectingOkAsync(request, ServerApiJsonContext.Default.IntegryApp, $"app '{Excerpt.Of(appName, 200)}'", cancellationToken).ConfigureAwait(false);
    }
}
