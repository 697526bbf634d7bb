using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Integry.Sdk.Diagnostics;

namespace Integry.Sdk.Passthrough;

internal sealed partial class OnwardSender
{
    /// <summary>
    /// One hop of one call: what each attempt sends, and what the retry policy needs to decide. An attempt is two steps,
    /// <see cref="Start"/> (build the request, hand it to the handler) and <see cref="ReceiveAsync"/> (once the headers are
    /// in: the answer read whole or kept open), so that whoever waits for the headers in between does it in a state machine
    /// of its own choosing: the executor's, for a call's first attempt.
    /// </summary>
    internal sealed class Attempt(OnwardSender sender, OnwardRequest request, HttpMethod method, Uri target, byte[]? body, bool withCredential, bool echoed, CallDeadline deadline)
    {
        // The attempt under way, between Start and ReceiveAsync.
        private PermittedRequestMessage? _message;
        private Activity? _activity;
        private Task<HttpResponseMessage>? _sending;
        private CancellationToken _cancellationToken;

        public OnwardRequest Request { get; } = request;

        public CallDeadline Deadline { get; } = deadline;

        // POST and PATCH are retried only where the app makes them idempotent with a key.
        public bool Retryable { get; } = IsRetryable(method, request.IdempotencyKey is not null);

        public int Attempts { get; private set; }

        public TimeSpan NextDelay { get; set; }

        /// <summary>Gets a value indicating whether an answer the executor does not act on keeps its body on the connection.</summary>
        public bool Streaming { get; init; }

        /// <summary>Gets or sets the first attempt's outcome, sent outside the pipeline, for the pipeline to replay as its own
        /// first attempt: the answer (an <see cref="OnwardResponse"/>) or the failure (an <see cref="ExceptionDispatchInfo"/>).
        /// One field for either: every call carries it.</summary>
        public object? Replay { get; set; }

        /// <summary>Gets a value indicating whether an attempt has been started and not yet received.</summary>
        public bool IsUnderway => _sending is not null;

        /// <summary>Gets a task that completes when the started attempt's headers are in or its send failed. It is awaited
        /// with <see cref="ConfigureAwaitOptions.SuppressThrowing"/>: <see cref="ReceiveAsync"/> reports the failure.</summary>
        public Task Headers => _sending ?? Task.CompletedTask;

        /// <summary>The pipeline's attempt: the replayed first outcome once, then real attempts.</summary>
        public ValueTask<OnwardResponse> NextAsync(CancellationToken cancellationToken)
        {
            var replay = Replay;
            Replay = null;
            if (replay is null)
            {
                return SendOnceAsync(cancellationToken);
            }

            (replay as ExceptionDispatchInfo)?.Throw();
            return ValueTask.FromResult((OnwardResponse)replay);
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<OnwardResponse> SendOnceAsync(CancellationToken cancellationToken)
        {
            Start(cancellationToken);
            await Headers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return await ReceiveAsync().ConfigureAwait(false);
        }

        /// <summary>Builds the attempt's request, opens its span and hands the request to the handler. Never throws: a failure
        /// to build or send is the outcome <see cref="ReceiveAsync"/> reports.</summary>
        /// <param name="cancellationToken">Bounds the attempt, up to its whole body.</param>
        public void Start(CancellationToken cancellationToken)
        {
            Attempts++;
            _cancellationToken = cancellationToken;
            try
            {
                _message = CreateMessage();
            }
            catch (Exception exception)
            {
                // Refused before anything was sent (a body with the credential going to a foreign host): no span, no message.
                _sending = Task.FromException<HttpResponseMessage>(exception);
                return;
            }

            // The attempt's span is current while the handler takes the request (the handler propagates it), as inside an
            // async method of the attempt's own. Start is not one: it runs in its caller's flow (the executor's, for a call's
            // first attempt), so that flow is put back afterwards whole, whatever the span's listeners or the handler set.
            var callersFlow = ExecutionContext.Capture();
            var callersSpan = Activity.Current;
            try
            {
                var spanUri = echoed ? new Uri(target.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute) : _message.RequestUri!;
                _activity = IntegryTelemetry.StartAttempt(Request.App.Definition.Slug, method, spanUri, Request.CredentialParts.QueryNames, Attempts);

                // An HttpClient (from IHttpClientFactory) must be told to stop at the headers; a bare invoker always does.
                var invoker = sender._httpClientSource();
                _sending = (invoker is HttpClient client
                    ? client.SendAsync(_message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    : invoker.SendAsync(_message, cancellationToken))
                    ?? Task.FromException<HttpResponseMessage>(new InvalidOperationException("The HTTP handler returned no task for the request."));
            }
            catch (Exception exception)
            {
                _sending = Task.FromException<HttpResponseMessage>(exception);
            }
            finally
            {
                if (callersFlow is not null)
                {
                    ExecutionContext.Restore(callersFlow);
                }
                else if (Activity.Current != callersSpan)
                {
                    // The flow is suppressed: nothing to put back but the span.
                    Activity.Current = callersSpan;
                }
            }
        }

        /// <summary>Ends the started attempt once <see cref="Headers"/> has completed: the answer read whole (or, for a
        /// streamed call's final answer, kept open), the request disposed, the span closed. Completes at once when the body
        /// is already in.</summary>
        /// <returns>The answer; throws the attempt's failure.</returns>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<OnwardResponse> ReceiveAsync()
        {
            var (sending, cancellationToken) = (_sending!, _cancellationToken);
            using var message = _message;
            using var activity = _activity;
            (_sending, _message, _activity) = (null, null, null);
            if (message is null)
            {
                // The request was never built: nothing went out and no span was opened. The task holds why.
                ExceptionDispatchInfo.Throw(sending.Exception!.InnerException!);
            }

            if (activity is not null)
            {
                // The attempt's span is current while its answer is read, as while it was sent (this method's own flow only).
                Activity.Current = activity;
            }

            var app = Request.App.Definition.Slug;
            try
            {
                // The permit's, not the message's: a handler that follows a redirect itself re-points the message it was given.
                var sent = message.Permit.CheckedUri;
                HttpResponseMessage response;
                try
                {
                    // Complete already (the caller waited for Headers): no wait here.
                    response = await sending.ConfigureAwait(false);
                }
                catch (HttpRequestException exception) when (IsProtocolViolation(exception.HttpRequestError))
                {
                    throw ProtocolViolation(exception);
                }

                OnwardResponse answer;
                var handedOver = false;
                try
                {
                    if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
                    {
                        // A handler of the caller's that follows redirects itself would carry the credential unchecked.
                        throw new IntegryException("The HTTP handler followed a redirect by itself; give the executor a handler that does not (AllowAutoRedirect = false).");
                    }

                    if (Streaming && !ActsOn(response))
                    {
                        // The final answer of a streamed call: its body stays on the connection, owned by the answer from here on.
                        answer = OnwardResponse.Open(response, sender._timeProvider);
                        handedOver = true;
                        IntegryTelemetry.EndAttempt(activity, answer.StatusCode, null);
                        IntegryTelemetry.RecordBytes(app, body?.Length ?? 0, -1);
                        return answer;
                    }

                    var read = await ResponseReader.ReadBodyAsync(response.Content, sender._options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                    answer = OnwardResponse.Read(response, read, sender._timeProvider);
                }
                catch (HttpIOException exception) when (IsProtocolViolation(exception.HttpRequestError))
                {
                    throw ProtocolViolation(exception);
                }
                catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A body cut short (reset, or shorter than its Content-Length) is a failed attempt like a failed connection.
                    throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The response ended before its body was complete: {exception.Message}", exception);
                }
                finally
                {
                    if (!handedOver)
                    {
                        response.Dispose();
                    }
                }

                IntegryTelemetry.EndAttempt(activity, answer.StatusCode, null);
                IntegryTelemetry.RecordBytes(app, body?.Length ?? 0, answer.Body.Length);
                return answer;
            }
            catch (Exception exception)
            {
                IntegryTelemetry.EndAttempt(activity, null, exception);
                throw;
            }
        }

        /// <summary>Whether the executor itself acts on this answer (follows it, refreshes for it, retries it), so its body is read whole.</summary>
        private bool ActsOn(HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            return (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is not null && sender._options.MaxRedirects > 0)
                || (status == 401 && withCredential)
                || (IsTransient(status) && Retryable && sender._options.MaxRetries > 0);
        }

        /// <summary>A malformed answer (bad status line, chunk framing, headers past the limit) is deterministic, not transient.</summary>
        private static bool IsProtocolViolation(HttpRequestError error) =>
            error is HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded;

        private IntegryException ProtocolViolation(Exception exception) => new(
            $"{Request.App.Definition.DisplayName} answered with a malformed HTTP response ({(exception as HttpRequestException)?.HttpRequestError ?? (exception as HttpIOException)?.HttpRequestError}: {exception.Message}); a protocol violation is not retried.",
            IntegryErrorKind.Protocol,
            isTransient: false,
            exception);

        private PermittedRequestMessage CreateMessage()
        {
            var app = Request.App.Definition;
            var uri = withCredential ? CredentialInjector.AppendQuery(target, Request.CredentialParts) : target;
            var message = new PermittedRequestMessage(method, uri);
            // Added as text: the typed header would be formatted again for every request.
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgentText);
            if (withCredential)
            {
                foreach (var (name, value) in app.DefaultHeaders)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }

                CredentialInjector.Apply(message, Request.CredentialParts);
            }

            if (Request.IdempotencyKey is { } key && app.IdempotencyHeader is { } header)
            {
                message.Headers.TryAddWithoutValidation(header, key);
            }

            if (body is not null && !withCredential && Request.CredentialParts.BodyFields.Count > 0)
            {
                // The body carries the credential (Mailchimp Transactional's "key"): it never goes to a host outside the app.
                throw new IntegryException($"{app.DisplayName} redirected a request whose body carries the user's credential outside its hosts; the redirect was not followed.");
            }

            if (body is not null)
            {
                // The caller's JSON goes out as written: big numbers and exact text are not re-serialised.
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", Request.ContentType ?? "application/json; charset=utf-8");
            }

            if (withCredential)
            {
                PassthroughHeaders.Apply(message, Request.Headers);
                CredentialInjector.Sign(message, Request.CredentialParts, body, sender._timeProvider);
            }

            // The guard sends the request only to this origin. Only the app's own origins may be on the local network, and
            // only when the app allows it: a foreign hop never is.
            message.Permit = new OnwardPermit(uri, withCredential && app.AllowLocalNetwork);
            return message;
        }
    }
}
