using System.Net.Http.Headers;
using System.Text.Json;

namespace Integry.Sdk.Benchmarks;

/// <summary>What a developer writes without the SDK: the Authorization header by hand, JsonDocument to parse, and a
/// cloned root so the element outlives the document (as the SDK's <c>Result.Output</c> does).</summary>
public static class RawCalls
{
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, Uri uri, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = BenchServer.Authorization;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<JsonElement> CallFunctionAsync(HttpClient client, string function, byte[] body, string hash)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"functions/{function}/call/")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = BenchServer.JsonContentType;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("App-Key", BenchServer.AppKey);
        request.Headers.TryAddWithoutValidation("User-ID", BenchServer.UserId);
        request.Headers.TryAddWithoutValidation("Hash", hash);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream).ConfigureAwait(false);
            return document.RootElement.GetProperty("network_code").GetString() == "200"
                ? document.RootElement.GetProperty("output").Clone()
                : throw new InvalidOperationException("Not executed.");
        }
    }

    /// <summary>A download without the SDK: the header by hand, the body read to its end through one fixed buffer.</summary>
    public static async Task<long> DrainAsync(HttpClient client, Uri uri, byte[] buffer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = BenchServer.Authorization;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadToEndAsync(stream, buffer).ConfigureAwait(false);
        }
    }

    /// <summary>The same download through <see cref="IntegryClient.PassthroughStreamAsync"/>.</summary>
    public static async Task<long> DrainStreamedAsync(IntegryClient client, string app, Uri uri, byte[] buffer)
    {
        var streamed = await client.PassthroughStreamAsync(app, PassthroughRequest.Get(uri.AbsoluteUri)).ConfigureAwait(false);
        await using (streamed.ConfigureAwait(false))
        {
            if (streamed.StatusCode != 200)
            {
                throw new InvalidOperationException($"Unexpected result: {streamed}");
            }

            return await ReadToEndAsync(streamed.Content, buffer).ConfigureAwait(false);
        }
    }

    private static async Task<long> ReadToEndAsync(Stream stream, byte[] buffer)
    {
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The raw call sent through the executor's own handler chain (<see cref="PassthroughExecutor.CreatePrimaryHandler"/>:
    /// the guard, the local-network pools, the connect callback), as a request the executor has checked.</summary>
    public static async Task<JsonElement> GetJsonThroughGuardAsync(HttpMessageInvoker invoker, Uri uri)
    {
        using var request = new Passthrough.PermittedRequestMessage(HttpMethod.Get, uri) { Permit = new Passthrough.OnwardPermit(uri, allowLocalNetwork: true) };
        request.Headers.Authorization = BenchServer.Authorization;
        using var response = await invoker.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        return await ReadJsonAsync(response, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The raw call whose body is read as the executor reads it: into a pooled buffer, then into <c>output</c>.</summary>
    public static async Task<JsonElement> GetOutputAsSdkReadsItAsync(HttpClient client, Uri uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = BenchServer.Authorization;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var (rented, length, pool) = await Passthrough.ResponseReader.ReadBodyAsync(response.Content, 1 << 20, CancellationToken.None).ConfigureAwait(false);
        try
        {
            return Passthrough.ResponseReader.ToOutput(rented.AsMemory(0, length), response.Content.Headers.ContentType);
        }
        finally
        {
            Passthrough.ResponseReader.Return(pool, rented, length);
        }
    }

    /// <summary>The raw read: a success status, the body parsed from its stream, the root cloned to outlive the document.</summary>
    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
    }

    /// <summary>A function call through the SDK: its output, when the function ran and answered 200.</summary>
    public static async Task<JsonElement> InvokeAsync(IntegryClient client, string function, JsonElement arguments) =>
        Output(await client.InvokeFunctionAsync(function, arguments).ConfigureAwait(false));

    public static JsonElement Output(Result result) =>
        result is Result.Executed { NetworkCode: 200 } executed ? executed.Output : throw new InvalidOperationException($"Unexpected result: {result}");
}
