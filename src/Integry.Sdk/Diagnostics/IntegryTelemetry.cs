using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Integry.Sdk.Diagnostics;

/// <summary>
/// The SDK's traces and metrics, both named <c>Integry.Sdk</c>: a span per call and per attempt with OpenTelemetry's
/// HTTP client attributes, and counters and histograms by function, app and outcome. URLs are always redacted.
/// </summary>
internal static class IntegryTelemetry
{
    private static readonly string? Version = typeof(IntegryTelemetry).Assembly.GetName().Version?.ToString(3);

    public static readonly ActivitySource Source = new(IntegryDiagnostics.ActivitySourceName, Version);

    private static readonly Meter Meter = new(IntegryDiagnostics.MeterName, Version);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("integry.calls", "{call}", "Function calls, by function, app and outcome (executed, rejected, failed).");
    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("integry.call.duration", "s", "How long function calls take, waits and retries included.");
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("integry.passthrough.attempts", "{attempt}", "Requests sent to apps by the local executor, retries included.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("integry.passthrough.retries", "{retry}", "Attempts that were retries.");
    private static readonly Counter<long> RequestBytes = Meter.CreateCounter<long>("integry.passthrough.request.body.size", "By", "Request body bytes sent to apps.");
    private static readonly Counter<long> ResponseBytes = Meter.CreateCounter<long>("integry.passthrough.response.body.size", "By", "Response body bytes read from apps, after decompression.");
    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("integry.credential.refreshes", "{refresh}", "Credential refreshes asked of the credential provider.");

    /// <summary>Gets a value indicating whether anything listens to calls (their spans or their metrics).</summary>
    public static bool CallsObserved => Source.HasListeners() || Calls.Enabled || CallDuration.Enabled;

    public static Activity? StartCall(string functionName, string? connectedAccountId)
    {
        // Checked first: the span's name is a new string, not worth building for nobody.
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"invoke {functionName}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("integry.function", functionName);
            activity.SetTag("integry.app", AppOf(functionName));
            activity.SetTag("integry.connected_account_id", connectedAccountId);
        }

        return activity;
    }

    // startedTimestamp is the call's Stopwatch.GetTimestamp().
    public static void EndCall(Activity? activity, string functionName, Result result, long startedTimestamp)
    {
        var outcome = result.IsExecuted ? "executed" : "rejected";
        RecordCall(functionName, outcome, errorType: null, startedTimestamp);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("integry.outcome", outcome);
        if (result is Result.Executed executed)
        {
            activity.SetTag("http.response.status_code", executed.NetworkCode);
            activity.SetTag("integry.attempts", executed.Attempts);
            activity.SetTag("http.request.resend_count", Math.Max(0, executed.Attempts - 1));
        }
        else if (result is Result.Rejected rejected)
        {
            activity.SetTag("integry.error", rejected.Error);
        }
    }

    /// <summary>Ends the span of a streamed call once the app's status and headers arrived (or it was rejected).</summary>
    public static void EndStreamedCall(Activity? activity, string functionName, PassthroughStreamResult result, long startedTimestamp)
    {
        if (result.Rejection is { } rejection)
        {
            EndCall(activity, functionName, rejection, startedTimestamp);
            return;
        }

        RecordCall(functionName, "executed", errorType: null, startedTimestamp);
        if (activity is not null)
        {
            activity.SetTag("integry.outcome", "executed");
            activity.SetTag("http.response.status_code", result.StatusCode);
            activity.SetTag("integry.attempts", result.Attempts);
            activity.SetTag("http.request.resend_count", Math.Max(0, result.Attempts - 1));
        }
    }

    public static void FailCall(Activity? activity, string functionName, Exception exception, long startedTimestamp)
    {
        RecordCall(functionName, "failed", exception.GetType().FullName, startedTimestamp);
        if (activity is not null)
        {
            activity.SetTag("integry.outcome", "failed");
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, exception is OperationCanceledException ? "canceled" : exception.GetType().Name);
        }
    }

    /// <summary>Counts a call and records its duration, by function, app and outcome (and error type when it failed); the
    /// clock is read only when something listens.</summary>
    private static void RecordCall(string functionName, string outcome, string? errorType, long startedTimestamp)
    {
        if (!Calls.Enabled && !CallDuration.Enabled)
        {
            return;
        }

        var tags = new TagList { { "integry.function", functionName }, { "integry.app", AppOf(functionName) }, { "integry.outcome", outcome } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        Calls.Add(1, tags);
        CallDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tags);
    }

    /// <summary>Starts the span of one HTTP attempt to an app, with OpenTelemetry's HTTP client attributes.</summary>
    public static Activity? StartAttempt(string app, HttpMethod method, Uri uri, IEnumerable<string> credentialNames, int attempt)
    {
        Attempts.Add(1, new KeyValuePair<string, object?>("integry.app", app));
        if (attempt > 1)
        {
            Retries.Add(1, new KeyValuePair<string, object?>("integry.app", app));
        }

        var activity = Source.StartActivity(method.Method, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method.Method);
            activity.SetTag("url.full", Passthrough.UrlRedactor.Redact(uri, credentialNames));
            activity.SetTag("server.address", uri.IdnHost);
            activity.SetTag("server.port", uri.Port);
            activity.SetTag("integry.app", app);
            activity.SetTag("http.request.resend_count", attempt - 1);
        }

        return activity;
    }

    public static void EndAttempt(Activity? activity, int? statusCode, Exception? exception)
    {
        if (activity is null)
        {
            return;
        }

        if (statusCode is { } status)
        {
            activity.SetTag("http.response.status_code", status);
            if (status >= 400)
            {
                activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        if (exception is not null)
        {
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        }
    }

    public static void RecordBytes(string app, long requestBytes, long responseBytes)
    {
        var tag = new KeyValuePair<string, object?>("integry.app", app);
        if (requestBytes > 0)
        {
            RequestBytes.Add(requestBytes, tag);
        }

        // A streamed body is counted by nobody here: the caller reads it (-1).
        if (responseBytes >= 0)
        {
            ResponseBytes.Add(responseBytes, tag);
        }
    }

    public static void RecordRefresh(string app) => Refreshes.Add(1, new KeyValuePair<string, object?>("integry.app", app));

    /// <summary>The app of a passthrough function's name, cut out only for a listener: a new string per call otherwise.</summary>
    private static string? AppOf(string functionName) => PassthroughFunctionName.TryGetApp(functionName, out var app) ? app : null;
}
