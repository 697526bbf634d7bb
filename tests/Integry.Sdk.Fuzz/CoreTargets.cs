using System.Net;
using System.Text.Json;
using Integry.Sdk.Apps;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.Fuzz;

/// <summary>A property did not hold for an input (as opposed to an unhandled exception, which the runner counts apart).</summary>
internal sealed class PropertyViolation(string message) : Exception(message);

/// <summary>
/// The fuzz targets of the core. Each takes one generated input, runs the SDK's parser on it, and checks what must hold
/// for every input; it throws <see cref="PropertyViolation"/> when a property fails and lets nothing else escape unless
/// the SDK itself threw something it must not.
/// </summary>
internal static class CoreTargets
{
    private const string Token = "xoxb-fuzz-token-5150";

    private static readonly CatalogEntry Slack = AppCatalog.BuiltIn.FindEntry("slack")!;
    private static readonly CatalogEntry Zendesk = CatalogEntry.Create(new AppDefinition { Slug = "zd", DisplayName = "ZD", Hosts = ["{subdomain}.zendesk.com"], BaseUrl = "https://{subdomain}.zendesk.com/api/v2/" });
    private static readonly CatalogEntry Local = CatalogEntry.Create(new AppDefinition { Slug = "loc", DisplayName = "Loc", Hosts = ["127.0.0.1:5001", "localhost"], BaseUrl = "http://127.0.0.1:5001/", AllowLocalNetwork = true });
    private static readonly Credential Bearer = new Credential.BearerToken(Token);
    private static readonly Credential Tenant = new Credential.BearerToken(Token) { Metadata = new Dictionary<string, string> { ["subdomain"] = "acme" } };

    private static readonly RecordingHandler Sent = new();
    private static readonly PassthroughExecutor Executor = CreateExecutor();

    /// <summary>Passthrough arguments through the whole local executor: a rejected call sends nothing; the credential goes only to Slack's own origins over https.</summary>
    public static void PassthroughArguments(string json)
    {
        JsonElement arguments;
        try
        {
            using var document = JsonDocument.Parse(json);
            arguments = document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            // Not JSON (or not even valid UTF-16): no caller can hand the SDK such arguments.
            return;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Sent.Requests.Clear();
        var result = Executor.InvokeAsync(new FunctionInvocation("user-1", "slack-passthrough-request", arguments, null, null, null), CancellationToken.None).GetAwaiter().GetResult();
        if (result is Result.Rejected && !Sent.Requests.IsEmpty)
        {
            throw new PropertyViolation($"A rejected call sent {Sent.Requests.Count} request(s).");
        }

        foreach (var (uri, authorization) in Sent.Requests)
        {
            if (authorization && (uri.Scheme != Uri.UriSchemeHttps || !Slack.TryResolveHosts(Bearer.Metadata, out var hosts, out _) || !hosts.Allows(CatalogEntry.HostOf(uri)) || uri.Port != 443))
            {
                throw new PropertyViolation($"The credential went to {uri.GetLeftPart(UriPartial.Authority)}, not an origin of Slack.");
            }
        }
    }

    /// <summary>A URL against a public app, a tenant app and a local app: no exception; an accepted URL is an origin of the app.</summary>
    public static void Url(string url)
    {
        foreach (var (app, credential) in new[] { (Slack, Bearer), (Zendesk, Tenant), (Local, Bearer) })
        {
            var target = PassthroughTarget.Resolve(url, app, credential, out var problem);
            if (target is null)
            {
                if (string.IsNullOrEmpty(problem))
                {
                    throw new PropertyViolation("A refused URL came without a reason.");
                }

                continue;
            }

            var host = CatalogEntry.HostOf(target);
            if (!string.IsNullOrEmpty(target.UserInfo)
                || !(target.Scheme == Uri.UriSchemeHttps || (app.Definition.AllowLocalNetwork && target.Scheme == Uri.UriSchemeHttp))
                || !app.TryResolveHosts(credential.Metadata, out var hosts, out _)
                || !hosts.Allows(host)
                || !hosts.AllowsOrigin(target, app.ResolveBaseUrl(credential.Metadata, out _)))
            {
                throw new PropertyViolation($"{app.Definition.Slug} accepted a URL outside its origins.");
            }

            if (!app.Definition.AllowLocalNetwork && (target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6))
            {
                throw new PropertyViolation($"{app.Definition.Slug} accepted an IP address.");
            }

            Redaction(target);
        }
    }

    /// <summary>Redacting a URL twice changes nothing more; scrubbing a URL that carries the credential leaves no form of it.</summary>
    public static void Redaction(Uri uri)
    {
        var once = UrlRedactor.Redact(uri);
        if (Uri.TryCreate(once, UriKind.Absolute, out var reparsed) && UrlRedactor.Redact(reparsed) != once)
        {
            throw new PropertyViolation("Redaction is not idempotent.");
        }

        // A URL without a query is redacted to its scheme, host, port and path; the redactor takes the URI's own absolute
        // form for it when there is no user information or fragment, which must be the same text.
        if (uri.Query.Length == 0 && System.Text.Ascii.IsValid(uri.OriginalString) && !uri.AbsoluteUri.Contains('%', StringComparison.Ordinal)
            && once != uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped))
        {
            throw new PropertyViolation("A URL without a query was not redacted to its scheme, host, port and path.");
        }

        // The same URL with an empty user-information part ("https://@host/") is redacted to the same text.
        if (uri.Query.Length == 0 && string.IsNullOrEmpty(uri.UserInfo) && uri.IsAbsoluteUri && uri.Scheme is "http" or "https"
            && Uri.TryCreate(uri.Scheme + "://@" + uri.GetComponents(UriComponents.HostAndPort | UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped), UriKind.Absolute, out var withAt)
            && withAt.Host == uri.Host && UrlRedactor.Redact(withAt) != UrlRedactor.Redact(uri))
        {
            throw new PropertyViolation("An empty user-information part changed the redacted URL.");
        }

        var echo = CredentialEcho.For(Bearer, new CredentialParts());
        var scrubbed = echo.Scrub(once);
        if (echo.Scrub(scrubbed) != scrubbed || echo.AppearsIn(scrubbed))
        {
            throw new PropertyViolation("Scrubbing is not idempotent, or left the credential in.");
        }
    }

    /// <summary>A host entry: the catalog accepts it or says why with an <see cref="ArgumentException"/>, nothing else.</summary>
    public static void HostPattern(string pattern)
    {
        try
        {
            var entry = CatalogEntry.Create(new AppDefinition { Slug = "fuzz", DisplayName = "Fuzz", Hosts = [pattern], AllowLocalNetwork = pattern.Length % 2 == 0 });
            entry.TryResolveHosts(new Dictionary<string, string> { ["subdomain"] = "acme", ["sub"] = "x", ["a"] = "a", ["b"] = "b", ["x"] = "y" }, out _, out _);
        }
        catch (ArgumentException)
        {
            // The documented refusal.
        }
    }

    /// <summary>Retry-After and rate-limit headers: read without exception, never a negative wait.</summary>
    public static void RateLimitHeaders((string RetryAfter, string Remaining, string Reset) headers)
    {
        using var message = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new ByteArrayContent([]) };
        message.Headers.TryAddWithoutValidation("Retry-After", headers.RetryAfter);
        message.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", headers.Remaining);
        message.Headers.TryAddWithoutValidation("X-RateLimit-Reset", headers.Reset);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var body = ResponseReader.ReadBodyAsync(message.Content, 1024, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var response = OnwardResponse.Read(message, body, new FixedClock(now));
        if (response.RetryAfter is { } wait && wait < TimeSpan.Zero)
        {
            throw new PropertyViolation("A negative Retry-After wait.");
        }

        foreach (var format in Enum.GetValues<RateLimitResetFormat>())
        {
            var definition = new Integry.Sdk.RateLimitHeaders { Remaining = "X-RateLimit-Remaining", Reset = "X-RateLimit-Reset", ResetFormat = format };
            RateLimitReader.Read(response, definition, new FixedClock(now));
            if (RateLimitReader.WaitUntilReset(response, definition, now) is { } untilReset && untilReset < TimeSpan.Zero)
            {
                throw new PropertyViolation("A negative wait until the reset.");
            }
        }
    }

    /// <summary><see cref="Result.Parse"/> of any text: a result or a <see cref="JsonException"/>; a parsed result reads back equal from its own JSON.</summary>
    public static void ResultParse(string json)
    {
        Result parsed;
        try
        {
            parsed = Result.Parse(json);
        }
        catch (JsonException)
        {
            if (IsValidUtf16(json) && ReadsAsAnswer(json) is { } read)
            {
                throw new PropertyViolation($"The remote path's one-pass reader read {read.ToJson()} where the serializer refused the body.");
            }

            return;
        }
        catch (ArgumentException) when (!IsValidUtf16(json))
        {
            // A .NET string with a lone surrogate is not text at all: a programming error, reported as such.
            return;
        }

        // The remote path reads a call's answer in one pass (ResultJsonConverter.ReadAnswer): the same result, cursor included.
        // Compared by wire JSON (output written token by token, cursor included): equality of outputs with a key given twice is not defined.
        if (ReadsAsAnswer(json) is not { } answer || answer.ToJson() != parsed.ToJson())
        {
            throw new PropertyViolation("The remote path's one-pass reader and the serializer read the body differently.");
        }

        if (parsed is Result.Executed executed && DuplicateKeys.FindIn(Wrap(executed.Output)).Count > 0)
        {
            // JSON equality of objects with a key given twice is not defined (which value counts?), so there is no round trip to compare.
            return;
        }

        ResultRoundTrip(parsed);
    }

    private static Result? ReadsAsAnswer(string json)
    {
        try
        {
            return Integry.Sdk.Serialization.ResultJsonConverter.ReadAnswer(System.Text.Encoding.UTF8.GetBytes(json));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>Result.Parse(r.ToJson())</c> equals <c>r</c>.</summary>
    public static void ResultRoundTrip(Result result)
    {
        var again = Result.Parse(result.ToJson());
        if (!again.Equals(result))
        {
            throw new PropertyViolation("Result.Parse(r.ToJson()) differs from r.");
        }
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static JsonElement Wrap(JsonElement output)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("output");
            output.WriteTo(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static PassthroughExecutor CreateExecutor()
    {
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken(Token));
        var options = new PassthroughOptions { MaxRetries = 0, MaxRedirects = 0, AllowUnguardedHandler = true, Handler = Sent };
        return new PassthroughExecutor(credentials, options);
    }

    /// <summary>Answers every request with <c>{}</c> and records where it went and whether it carried the credential.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public System.Collections.Concurrent.ConcurrentQueue<(Uri Uri, bool Authorization)> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue((request.RequestUri!, request.Headers.Authorization?.Parameter == Token));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
