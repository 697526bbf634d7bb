using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Remote;

/// <summary>Runs functions through Integry's API: <c>POST functions/{name}/call/</c> and friends, signed for one user.</summary>
internal sealed partial class RemoteExecutor
{
    private const int MaxErrorBodyChars = 4096;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly Func<HttpClient> _httpClientSource;
    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly string _appKey;
    private readonly string _appSecret;

    public RemoteExecutor(Func<HttpClient> httpClientSource, IntegryClientOptions options, TimeProvider timeProvider)
    {
        _httpClientSource = httpClientSource;
        _baseAddress = options.BaseAddress;
        _timeout = options.Timeout;
        _timeProvider = timeProvider;
        _appKey = options.AppKey!;
        _appSecret = options.AppSecret!;
    }

    public RequestSignature Sign(string userId) => RequestSignature.Create(_appKey, _appSecret, userId);

    public async Task<Result> InvokeAsync(FunctionInvocation invocation, RequestSignature signature, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (invocation.ConnectedAccountId is { } account)
        {
            QueryString.Append(query, "connected_account_id", account);
        }

        using var request = CreateRequest($"functions/{Uri.EscapeDataString(invocation.FunctionName)}/call/", query, signature, WriteArguments(invocation));
        if (invocation.Version is { } version)
        {
            request.Headers.TryAddWithoutValidation("Version", version);
        }

        using var timeout = StartTimeout(cancellationToken);
        using var response = await SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var result = await ReadAsync(response, IntegryJsonContext.Default.Result, timeout.Token).ConfigureAwait(false);
                    return result is Result.Executed executed ? WithIntegryHeaders(executed, response) : result;
                case HttpStatusCode.BadRequest:
                    var error = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    if (error.Result is { } rejected)
                    {
                        return rejected;
                    }

                    throw CreateFailure(response.StatusCode, error);
                case HttpStatusCode.NotFound:
                    var notFound = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
                    if (string.Equals(notFound.Detail, Rejections.FunctionNotFoundDetail, StringComparison.Ordinal))
                    {
                        // Integry did not run the function: that is a rejection, not a fault.
                        return Rejections.FunctionNotFound(invocation.FunctionName);
                    }

                    throw CreateFailure(response.StatusCode, notFound);
                default:
                    throw CreateFailure(response.StatusCode, await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && timeout.Expired)
        {
            throw TimedOut(exception);
        }
    }

    public async Task<FunctionListPage> ListPageAsync(FunctionType type, ListFunctionsOptions? filters, string? cursor, RequestSignature signature, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        QueryString.Append(query, "type", WireValue(type));
        if (filters is not null)
        {
            if (filters.App is { } app)
            {
                QueryString.Append(query, "app", app);
            }

            if (filters.ConnectedOnly)
            {
                QueryString.Append(query, "connected_only", "true");
            }

            if (filters.IncludeMeta)
            {
                QueryString.Append(query, "include", "meta");
            }

            if (filters.Search is { } search)
            {
                QueryString.Append(query, "search", search);
            }
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new PageRequest { Cursor = cursor }, IntegryJsonContext.Default.PageRequest);
        using var request = CreateRequest("functions/list/", query, signature, body);
        return await SendExpectingOkAsync(request, IntegryJsonContext.Default.FunctionListPage, "functions", cancellationToken).ConfigureAwait(false);
    }

    internal static string WireValue(FunctionType type) => type switch
    {
        FunctionType.Action => "ACTION",
        FunctionType.Query => "QUERY",
        FunctionType.Passthrough => "PASSTHROUGH",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Use FunctionType.Action, Query or Passthrough."),
    };

    private async Task<T> SendExpectingOkAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, string what, CancellationToken cancellationToken)
    {
        using var timeout = StartTimeout(cancellationToken);
        using var response = await SendAsync(request, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await ReadAsync(response, typeInfo, timeout.Token).ConfigureAwait(false);
            }

            var error = await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new IntegryNotFoundException($"Integry has no {what}: {error.Detail ?? "not found"}.", response.StatusCode, error.Body);
            }

            throw CreateFailure(response.StatusCode, error);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && timeout.Expired)
        {
            throw TimedOut(exception);
        }
    }

    private HttpRequestMessage CreateRequest(string path, StringBuilder query, RequestSignature signature, byte[] body)
    {
        signature.AppendQuery(query);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, path + query.ToString()))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = JsonMediaType;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        signature.Apply(request);
        return request;
    }

    private static byte[] WriteArguments(FunctionInvocation invocation)
    {
        // The body is the flat arguments object, with _variables added as one more member when given.
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var argument in invocation.Arguments.EnumerateObject())
            {
                argument.WriteTo(writer);
            }

            if (invocation.Variables is { } variables)
            {
                writer.WritePropertyName(WireNames.Variables);
                variables.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private CallDeadline StartTimeout(CancellationToken cancellationToken) => new(_timeout, _timeProvider, cancellationToken);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CallDeadline timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClientSource().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && timeout.Expired)
        {
            throw TimedOut(exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException exception)
        {
            throw new IntegryException($"Could not reach Integry at {_baseAddress.GetLeftPart(UriPartial.Authority)}: {exception.Message}", exception);
        }
    }

    private IntegryException TimedOut(Exception inner) =>
        new($"Integry did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (IntegryClientOptions.Timeout).", new TimeoutException(inner.Message, inner));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The body is null.");
            }
            catch (JsonException exception)
            {
                throw new IntegryException($"Integry answered {(int)response.StatusCode} with a body that is not valid: {exception.Message}", response.StatusCode, null, exception);
            }
        }
    }

    private async Task<ErrorAnswer> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Result? result = null;
        string? detail = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty(WireNames.Error, out _))
                {
                    result = document.RootElement.Deserialize(IntegryJsonContext.Default.Result);
                }

                if (document.RootElement.TryGetProperty(WireNames.Detail, out var detailElement) && detailElement.ValueKind == JsonValueKind.String)
                {
                    detail = detailElement.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the text itself goes into the exception.
        }

        return new ErrorAnswer(Redact(text), detail is null ? null : Redact(detail), result);
    }

    private static IntegryException CreateFailure(HttpStatusCode status, ErrorAnswer error)
    {
        var code = (int)status;
        if (error.Detail is not null && status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new IntegryAuthenticationException(
                $"Integry refused the request ({code}): {error.Detail} Check AppKey, AppSecret and the user id.",
                status,
                error.Body);
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new IntegryAuthenticationException($"Integry refused the request ({code}). Check AppKey, AppSecret and the user id.", status, error.Body);
        }

        return new IntegryException($"Integry answered {code} {status}: {(error.Detail ?? Shorten(error.Body, 200))}", status, error.Body);
    }

    private string Redact(string text)
    {
        // The secret is masked before shortening, so no part of it survives a cut through its middle.
        return Shorten(text.Replace(_appSecret, "***", StringComparison.Ordinal), MaxErrorBodyChars);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static Result.Executed WithIntegryHeaders(Result.Executed executed, HttpResponseMessage response)
    {
        long? credits = null;
        if (response.Headers.TryGetValues("X-Credits", out var creditValues)
            && long.TryParse(creditValues.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            credits = parsed;
        }

        var sessionId = response.Headers.TryGetValues("X-Session-ID", out var sessionValues) ? sessionValues.FirstOrDefault() : null;
        return credits is null && sessionId is null ? executed : executed with { Credits = credits, SessionId = sessionId };
    }

    private readonly record struct ErrorAnswer(string Body, string? Detail, Result? Result);
}
