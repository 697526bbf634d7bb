using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
#if NET9_0_OR_GREATER
using System.Runtime.InteropServices;
#endif
using Integry.Sdk.Passthrough;
using Integry.Sdk.Serialization;
using Polly;
using Polly.Timeout;

namespace Integry.Sdk.Remote;

/// <summary>Runs functions through Integry's API: <c>POST functions/{name}/call/</c> and friends, signed for one user.</summary>
/// <remarks>
/// Every exchange goes through <see cref="ExchangeAsync{T, TState}"/>, the one place that turns whatever the HTTP pipeline
/// throws (the network, the body read, a handler the caller added, a timeout) into an <see cref="IntegryException"/>
/// with a kind. Only the caller's own cancellation passes through as <see cref="OperationCanceledException"/>.
/// </remarks>
internal sealed partial class RemoteExecutor
{
    private const int MaxErrorBodyChars = 4096;

    /// <summary>How much of a non-200 answer is read: enough for any error Integry writes, not a whole proxy page.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>The texts of Integry's (Django REST framework's) real authentication answers.</summary>
    private static readonly string[] AuthenticationDetails =
    [
        "Authentication credentials were not provided.",
        "Incorrect authentication credentials.",
    ];

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    /// <summary>The largest body buffer a thread keeps between calls; a larger one is let go after its call.</summary>
    private const int MaxKeptBodyBuffer = 64 * 1024;

    // One writer and buffer per thread for request bodies: writing never awaits, so a thread uses them for one body at a time.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_bodyBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_bodyWriter;

    private readonly Func<HttpClient> _httpClientSource;
    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly string _appKey;
    private readonly string _appSecret;
    private readonly CallDeadlineTimers _timers;

    public RemoteExecutor(Func<HttpClient> httpClientSource, IntegryClientOptions options, TimeProvider timeProvider)
    {
        _httpClientSource = httpClientSource;
        _baseAddress = options.BaseAddress;
        _timeout = options.Timeout;
        _timeProvider = timeProvider;
        _appKey = options.AppKey!;
        _appSecret = options.AppSecret!;
        _timers = new CallDeadlineTimers(timeProvider);
    }

    public RequestSignature Sign(string userId) => RequestSignature.Create(_appKey, _appSecret, userId);

    public Task<Result> InvokeAsync(FunctionInvocation invocation, RequestSignature signature, CancellationToken cancellationToken)
    {
        // Not async: the exchange owns (and disposes) the request, so this layer needs no state machine of its own.
        if (FunctionNames.IsLongerThanAny(invocation.FunctionName))
        {
            // Integry has no function of that name, and its server would refuse the URL: its own answer, nothing sent.
            return Task.FromResult<Result>(Rejections.FunctionNotFound(invocation.FunctionName));
        }

        StringBuilder? query = null;
        if (invocation.ConnectedAccountId is { } account)
        {
            QueryString.Append(query ??= new StringBuilder(), "connected_account_id", account);
        }

        if (invocation.AllowWorkspaceConnectedAccounts)
        {
            QueryString.Append(query ??= new StringBuilder(), "allow_workspace_connected_accounts", "true");
        }

        var request = CreateRequest($"functions/{Uri.EscapeDataString(invocation.FunctionName)}/call/", query, signature, WriteArguments(invocation));
        if (invocation.Version is { } version)
        {
            request.Headers.TryAddWithoutValidation("Version", version);
        }

        return ExchangeAsync(
            request,
            (Executor: this, Invocation: invocation, Signature: signature),
            static (response, state, token) => state.Executor.ReadCallAnswerAsync(response, state.Invocation, state.Signature, token),
            cancellationToken);
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
        var request = CreateRequest("functions/list/", query, signature, body);
        return await SendExpectingOkAsync(request, IntegryJsonContext.Default.FunctionListPage, "functions", cancellationToken).ConfigureAwait(false);
    }

    internal static string WireValue(FunctionType type) => type switch
    {
        FunctionType.Action => "ACTION",
        FunctionType.Query => "QUERY",
        FunctionType.Passthrough => "PASSTHROUGH",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Use FunctionType.Action, Query or Passthrough."),
    };

    /// <summary>Sends a signed request that answers 200 with <typeparamref name="T"/>; any other answer is an <see cref="IntegryException"/>.</summary>
    private Task<T> SendExpectingOkAsync<T>(SignedRequestMessage request, JsonTypeInfo<T> typeInfo, string what, CancellationToken cancellationToken) =>
        ExchangeAsync(
            request,
            (Executor: this, TypeInfo: typeInfo, What: what),
            static async (response, state, token) =>
            {
                var (executor, typeInfo, what) = state;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await executor.ReadAsync(response, typeInfo, token).ConfigureAwait(false);
                }

                var error = await executor.ReadErrorAsync(response, token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    throw new IntegryNotFoundException($"Integry has no {what}: {error.Detail ?? "not found"}.", response.StatusCode, error.Body);
                }

                throw CreateFailure(response.StatusCode, error);
            },
            cancellationToken);

    private async Task<Result> ReadCallAnswerAsync(HttpResponseMessage response, FunctionInvocation invocation, RequestSignature signature, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var result = await ReadResultAsync(response, cancellationToken).ConfigureAwait(false);
                return result switch
                {
                    Result.Executed executed => WithIntegryHeaders(executed, response),
                    Result.Rejected rejected => RedactRejection(rejected, signature),
                    _ => result,
                };
            case HttpStatusCode.BadRequest:
                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                if (error.Result is { } rejection)
                {
                    return rejection;
                }

                throw CreateFailure(response.StatusCode, error);
            case HttpStatusCode.NotFound:
                var notFound = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                if (string.Equals(notFound.Detail, Rejections.FunctionNotFoundDetail, StringComparison.Ordinal))
                {
                    // Integry did not run the function: that is a rejection, not a fault.
                    return Rejections.FunctionNotFound(invocation.FunctionName);
                }

                throw CreateFailure(response.StatusCode, notFound);
            default:
                throw CreateFailure(response.StatusCode, await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>A signed request for <see cref="ExchangeAsync"/>, which sends and disposes it.</summary>
    private SignedRequestMessage CreateRequest(string path, StringBuilder? query, RequestSignature signature, byte[] body)
    {
        if (!signature.FitsInHeaders)
        {
            signature.AppendQuery(query ??= new StringBuilder());
        }

        // The signature travels in the message itself (no options dictionary): the exchange masks this request's own
        // hash and app key in whatever comes back.
        var request = new SignedRequestMessage(new Uri(_baseAddress, query is null ? path : path + query.ToString()), signature)
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
        var buffer = t_bodyBuffer ??= new ArrayBufferWriter<byte>(256);
        var writer = t_bodyWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            foreach (var argument in invocation.Arguments.EnumerateObject())
            {
                WriteArgumentName(writer, argument);

                // Each value's own text, not a re-serialisation: escapes such as "\u00e9" and "\/" reach Integry as written.
#if NET9_0_OR_GREATER
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(argument.Value), skipInputValidation: true);
#else
                writer.WriteRawValue(argument.Value.GetRawText(), skipInputValidation: true);
#endif
            }

            if (invocation.Variables is { } variables)
            {
                writer.WritePropertyName(WireNames.Variables);
                variables.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // The arguments are the caller's data: the kept buffer is wiped, and a large one is not kept at all.
            buffer.Clear();
            if (buffer.Capacity > MaxKeptBodyBuffer)
            {
                t_bodyBuffer = null;
                t_bodyWriter = null;
            }
        }
    }

    private static void WriteArgumentName(Utf8JsonWriter writer, JsonProperty argument)
    {
#if NET10_0_OR_GREATER
        // The name's UTF-8 as parsed; without a backslash it is the unescaped name, which the writer escapes as it would the string.
        var raw = JsonMarshal.GetRawUtf8PropertyName(argument);
        if (!raw.Contains((byte)'\\'))
        {
            writer.WritePropertyName(raw);
            return;
        }
#endif
        writer.WritePropertyName(argument.Name);
    }

    /// <summary>
    /// Sends the request and reads its answer under one deadline (<see cref="IntegryClientOptions.Timeout"/>). Whatever
    /// fails on the way, in the network, in a handler the caller added, or while the body streams in, becomes an
    /// <see cref="IntegryException"/>; the caller's own cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<T> ExchangeAsync<T, TState>(SignedRequestMessage request, TState state, Func<HttpResponseMessage, TState, CancellationToken, Task<T>> readAnswer, CancellationToken cancellationToken)
    {
        using var owned = request;
        using var deadline = new CallDeadline(_timeout, _timeProvider, _timers, cancellationToken);
        HttpResponseMessage? response = null;
        try
        {
            response = await _httpClientSource().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return await readAnswer(response, state, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested && exception.CancellationToken == cancellationToken)
        {
            throw;
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not IntegryException)
        {
            // The caller cancelled, and the pipeline reported it with its own token or as something else (a reset
            // connection, say): the caller gets a cancellation carrying the token it passed.
            throw new OperationCanceledException("The call to Integry was cancelled.", exception, cancellationToken);
        }
        catch (IntegryException)
        {
            // Already sorted: an answer that is not a result, read above.
            throw;
        }
        catch (Exception exception)
        {
            throw Translate(exception, request, deadline);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private IntegryException Translate(Exception exception, SignedRequestMessage request, CallDeadline deadline)
    {
        var where = _baseAddress.GetLeftPart(UriPartial.Authority);
        var signature = request.Signature;
        string Said(Exception fault) => Redact($"{fault.GetType().Name}: {fault.Message}", signature);

        switch (exception)
        {
            case OperationCanceledException when deadline.Expired:
                return new IntegryException(
                    $"Integry did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (IntegryClientOptions.Timeout).",
                    IntegryErrorKind.Timeout,
                    isTransient: true,
                    new TimeoutException(exception.Message, exception));
            case TimeoutRejectedException:
                return new IntegryException($"A handler in the HTTP pipeline to Integry timed out the call ({Said(exception)}).", IntegryErrorKind.Timeout, isTransient: true, exception);
            case OperationCanceledException:
                // Not the caller's token and not our deadline: the HttpClient's own Timeout, or a handler that gave up.
                return new IntegryException($"The HTTP pipeline to Integry cancelled the call before Integry answered; HttpClient.Timeout or a handler's timeout ended it ({Said(exception)}).", IntegryErrorKind.Timeout, isTransient: true, exception);
            case ExecutionRejectedException:
                return new IntegryException($"A handler in the HTTP pipeline to Integry refused the call ({Said(exception)}).", IntegryErrorKind.Transport, isTransient: true, exception);
            case HttpIOException io:
                var (ioKind, ioTransient) = io.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded
                    ? (IntegryErrorKind.Protocol, false)
                    : (IntegryErrorKind.Transport, true);
                return new IntegryException($"The answer from Integry at {where} broke off before it was whole ({Said(exception)}).", ioKind, ioTransient, exception);
            case HttpRequestException http:
                var (kind, transient) = IntegryException.Classify(http);
                return new IntegryException($"Could not complete the call to Integry at {where} ({Said(exception)}).", kind, transient, exception);
            case IOException:
                return new IntegryException($"The connection to Integry at {where} broke before the whole answer arrived ({Said(exception)}).", IntegryErrorKind.Transport, isTransient: true, exception);
            default:
                return new IntegryException($"The HTTP pipeline to Integry at {where} failed ({Said(exception)}).", IntegryErrorKind.Transport, isTransient: false, exception);
        }
    }

    /// <summary>
    /// Reads a call's answer the way a hand-written client does: the whole body into a pooled buffer (wiped when it goes
    /// back), then one parse (<see cref="ResultJsonConverter.ReadAnswer"/>). <see cref="JsonSerializer.DeserializeAsync{TValue}(Stream, JsonTypeInfo{TValue}, CancellationToken)"/>
    /// would scan the body ahead of the converter and then parse <c>output</c> a second time.
    /// </summary>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Result> ReadResultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] buffer;
        int length;
        ArrayPool<byte> pool;
        try
        {
            (buffer, length, pool) = await ResponseReader.ReadBodyAsync(response.Content, Array.MaxLength, cancellationToken).ConfigureAwait(false);
        }
        catch (ResponseTooLargeException)
        {
            throw new IntegryException($"Integry answered {(int)response.StatusCode} with a body larger than {Array.MaxLength} bytes, which cannot be read.", IntegryErrorKind.Protocol, isTransient: false, response.StatusCode, null, null);
        }

        try
        {
            // A UTF-8 byte order mark is not part of the JSON (the serializer's stream reader skipped it too).
            var body = buffer.AsMemory(0, length);
            var byteOrderMark = Encoding.UTF8.Preamble;
            return ResultJsonConverter.ReadAnswer(body.Span.StartsWith(byteOrderMark) ? body[byteOrderMark.Length..] : body);
        }
        catch (JsonException exception)
        {
            throw InvalidBody(response, exception);
        }
        finally
        {
            ResponseReader.Return(pool, buffer, length);
        }
    }

    private IntegryException InvalidBody(HttpResponseMessage response, JsonException exception) => new(
        $"Integry answered {(int)response.StatusCode} with a body that is not valid: {Redact(exception.Message, SignatureOf(response))}",
        IntegryErrorKind.Protocol,
        isTransient: false,
        response.StatusCode,
        null,
        exception);

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
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
                throw InvalidBody(response, exception);
            }
        }
    }

    private async Task<ErrorAnswer> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await ReadBoundedTextAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var signature = SignatureOf(response);
        Result.Rejected? rejection = null;
        string? detail = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty(WireNames.Error, out _)
                    && document.RootElement.Deserialize(IntegryJsonContext.Default.Result) is Result.Rejected rejected)
                {
                    // Integry's texts may echo the request; the caller prints rejections, so they are masked too.
                    rejection = rejected.Redact(part => Redact(part, signature));
                }

                if (document.RootElement.TryGetProperty(WireNames.Detail, out var detailElement) && detailElement.ValueKind == JsonValueKind.String)
                {
                    detail = detailElement.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say), or not a result: the text itself goes into the exception.
        }

        return new ErrorAnswer(Excerpt.Of(Redact(text, signature), MaxErrorBodyChars), detail is null ? null : Redact(detail, signature), rejection);
    }

    private static async Task<string> ReadBoundedTextAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes);
            try
            {
                var length = 0;
                int read;
                while (length < MaxErrorBodyBytes && (read = await stream.ReadAsync(buffer.AsMemory(length, MaxErrorBodyBytes - length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return Encoding.UTF8.GetString(buffer, 0, length);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static IntegryException CreateFailure(HttpStatusCode status, ErrorAnswer error)
    {
        var code = (int)status;
        var said = error.Detail ?? Excerpt.Of(error.Body, 200);
        if (IsAuthenticationAnswer(status, error.Detail))
        {
            return new IntegryAuthenticationException(
                error.Detail is null
                    ? $"Integry refused the request ({code}). Check AppKey, AppSecret and the user id."
                    : $"Integry refused the request ({code}): {error.Detail} Check AppKey, AppSecret and the user id.",
                status,
                error.Body);
        }

        return status switch
        {
            HttpStatusCode.NotFound => new IntegryNotFoundException($"Integry answered 404 Not Found: {said} Check IntegryClientOptions.BaseAddress.", status, error.Body),
            HttpStatusCode.RequestTimeout => Failure(IntegryErrorKind.Timeout, transient: true),
            HttpStatusCode.TooManyRequests => Failure(IntegryErrorKind.Server, transient: true),
            HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => Failure(IntegryErrorKind.Server, transient: true),
            >= HttpStatusCode.InternalServerError => Failure(IntegryErrorKind.Server, transient: false),

            // A 400 that is neither a rejection nor about authentication ("Invalid cursor.", "JSON parse error"): the
            // request was not one Integry understands, and sending it again changes nothing.
            _ => Failure(IntegryErrorKind.Protocol, transient: false),
        };

        IntegryException Failure(IntegryErrorKind kind, bool transient) =>
            new($"Integry answered {code} {status}: {said}", kind, transient, status, error.Body, innerException: null);
    }

    /// <summary>
    /// A 401 or 403 says the request was not authenticated or not allowed; a 400 says so only with Integry's own
    /// authentication texts (Integry answers missing or bad credentials with 400 or 403, its docs disagree).
    /// </summary>
    private static bool IsAuthenticationAnswer(HttpStatusCode status, string? detail) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => true,
        HttpStatusCode.BadRequest => detail is not null && AuthenticationDetails.Contains(detail, StringComparer.Ordinal),
        _ => false,
    };

    private static RequestSignature? SignatureOf(HttpResponseMessage response) =>
        (response.RequestMessage as SignedRequestMessage)?.Signature;

    /// <summary>Masks a rejection's texts; a method of its own so the call's happy path allocates no closure for it.</summary>
    private Result.Rejected RedactRejection(Result.Rejected rejected, RequestSignature signature) =>
        rejected.Redact(text => Redact(text, signature));

    private string Redact(string text, RequestSignature? signature) => ResponseRedactor.Redact(text, _appSecret, signature);

    private static Result.Executed WithIntegryHeaders(Result.Executed executed, HttpResponseMessage response)
    {
        long? credits = null;
        if (response.Headers.TryGetValues("X-Credits", out var creditValues)
            && long.TryParse(creditValues.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            credits = parsed;
        }

        var sessionId = response.Headers.TryGetValues("X-Session-ID", out var sessionValues) ? sessionValues.FirstOrDefault() : null;
        return credits is null && sessionId is null ? executed : executed.WithIntegryMetadata(credits, sessionId);
    }

    private readonly record struct ErrorAnswer(string Body, string? Detail, Result.Rejected? Result);
}
