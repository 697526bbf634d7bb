using System.Diagnostics;
using System.Net;
using System.Text;
using Integry.Sdk.Passthrough;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Trust;

/// <summary>
/// Issue 12, class 2: a foreign hop whose URL carries the credential in any form is refused, and nothing derived from
/// it reaches the log, a span or the call log; an own-origin hop that echoes it is followed but scrubbed everywhere.
/// </summary>
public class CredentialEchoTests
{
    private const string User = "basic-user-7788";
    private const string Password = "p@ss+w/rd=9911";
    private const string Token = "tok+en/with=odd?chars&x";

    /// <summary>Every form of a secret an attacker might write into a URL.</summary>
    private static IEnumerable<(string Form, string Text)> FormsOf(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var base64 = Convert.ToBase64String(bytes);
        yield return ("raw", secret);
        yield return ("percent-encoded upper", Uri.EscapeDataString(secret));
        yield return ("percent-encoded lower", LowerEscapes(Uri.EscapeDataString(secret)));
        yield return ("percent-encoded twice", Uri.EscapeDataString(Uri.EscapeDataString(secret)));
        yield return ("base64", Uri.EscapeDataString(base64));
        yield return ("base64 raw plus and slash", base64);
        yield return ("base64 without padding", base64.TrimEnd('='));
        yield return ("base64url", base64.Replace('+', '-').Replace('/', '_'));
        yield return ("base64url without padding", base64.Replace('+', '-').Replace('/', '_').TrimEnd('='));
        yield return ("hex", Convert.ToHexString(bytes));
        yield return ("hex lower", Convert.ToHexString(bytes).ToLowerInvariant());
    }

    private static IEnumerable<TestCaseData> LeakingLocations()
    {
        var secrets = new (string Name, Credential Credential, string[] Secrets)[]
        {
            ("bearer", new Credential.BearerToken(Token), [Token, "Bearer " + Token]),
            ("basic", new Credential.Basic(User, Password), [Password, User, $"{User}:{Password}", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"))]),
        };
        foreach (var (name, credential, values) in secrets)
        {
            foreach (var secret in values)
            {
                foreach (var (form, text) in FormsOf(secret))
                {
                    foreach (var where in new[] { "query", "path", "fragment" })
                    {
                        var location = where switch
                        {
                            "query" => $"https://evil.example/cb?leak={text}",
                            "path" => $"https://evil.example/cb/{text.Replace("?", "%3F").Replace("#", "%23")}/x",
                            _ => $"https://evil.example/cb#{text}",
                        };
                        yield return new TestCaseData(credential, location).SetName($"{name}: {Describe(secret)} as {form} in the {where}");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(LeakingLocations))]
    public async Task A_foreign_hop_carrying_the_credential_is_refused_and_nothing_of_it_is_logged(Credential credential, string location)
    {
        var logger = new FakeLogger<PassthroughExecutor>(new FakeLogCollector(Options(LogLevel.Trace)));
        var activities = new List<Activity>();
        using var listener = Listen(activities);
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("nothing may reach the foreign host"));
        mock.Expect(HttpMethod.Get, "https://api.echo.example/v1/start")
            .Respond(_ => Redirect(HttpStatusCode.Found, location));
        var (client, callLog) = CreateClient(mock, credential, logger);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => client.PassthroughAsync("echo", PassthroughRequest.Get("start")));

        var everything = string.Join("\n", logger.Collector.GetSnapshot().Select(record => record.Message + " " + string.Join(" ", record.StructuredState?.Select(pair => pair.Value) ?? [])))
            + "\n" + string.Join("\n", activities.SelectMany(activity => activity.TagObjects).Select(tag => tag.Value?.ToString()))
            + "\n" + exception!.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain("with the user's credential in the URL"));
            Assert.That(mock.GetMatchCount(mock.Fallback), Is.Zero, "the foreign host got nothing");
            Assert.That(everything, Does.Not.Contain("evil.example"), "the echoing URL is not logged at all");
            Assert.That(CredentialEcho.For(credential, Parts(credential)).AppearsIn(everything), Is.False);
            Assert.That(callLog.GetRecords(), Is.Empty);
        }
    }

    [Test]
    public async Task An_own_origin_hop_that_echoes_the_credential_is_followed_but_its_url_is_scrubbed_everywhere()
    {
        var credential = new Credential.Basic(User, Password);
        var echoed = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")).TrimEnd('=');
        var logger = new FakeLogger<PassthroughExecutor>(new FakeLogCollector(Options(LogLevel.Trace)));
        var activities = new List<Activity>();
        using var listener = Listen(activities);
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.echo.example/v1/start").Respond(_ => Redirect(HttpStatusCode.Found, $"https://api.echo.example/v1/landing?session={echoed}x&ref={echoed}"));
        mock.Expect(HttpMethod.Get, "https://api.echo.example/v1/landing").Respond("application/json", "{}");
        var (client, callLog) = CreateClient(mock, credential, logger);

        var result = await client.PassthroughAsync("echo", PassthroughRequest.Get("start"));

        var record = callLog.GetRecords().Single();
        var logged = string.Join("\n", logger.Collector.GetSnapshot().Select(entry => entry.Message)) + "\n"
            + string.Join("\n", activities.SelectMany(activity => activity.TagObjects).Select(tag => tag.Value?.ToString()));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(record.Url, Is.EqualTo("https://api.echo.example/(redacted: the URL carried the credential)"));
            Assert.That(logged, Does.Not.Contain(echoed));
            Assert.That(logged, Does.Contain("api.echo.example"));
        }
    }

    [Test]
    public void Scrubbing_is_idempotent_and_leaves_clean_urls_alone()
    {
        var echo = CredentialEcho.For(new Credential.BearerToken(Token), Parts(new Credential.BearerToken(Token)));
        const string Clean = "https://api.echo.example/v1/items?page=2";
        var dirty = "https://api.echo.example/v1/items?x=" + Uri.EscapeDataString(Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo.Scrub(Clean), Is.EqualTo(Clean));
            Assert.That(echo.Scrub(dirty), Is.EqualTo("https://api.echo.example/(redacted: the URL carried the credential)"));
            Assert.That(echo.Scrub(echo.Scrub(dirty)), Is.EqualTo(echo.Scrub(dirty)));
        }
    }

    internal static CredentialParts Parts(Credential credential) =>
        CredentialInjector.Prepare(App, credential, out _)!;

    private static readonly AppDefinition App = new()
    {
        Slug = "echo",
        DisplayName = "Echo",
        Hosts = ["api.echo.example"],
        BaseUrl = "https://api.echo.example/v1/",
        AcceptsBasic = true,
    };

    private static (IntegryClient Client, InMemoryFunctionCallLog CallLog) CreateClient(MockHttpMessageHandler mock, Credential credential, ILogger<PassthroughExecutor> logger)
    {
        var options = new PassthroughOptions { IncludeBuiltInApps = false, AllowUnguardedHandler = true, MaxRetries = 0 };
        options.Apps.Add(App);
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "echo", credential);
        var callLog = new InMemoryFunctionCallLog();
        options.Handler = mock;
        options.CallLog = callLog;
        options.LoggerFactory = new Integry.Sdk.Tests.TestSupport.SingleLoggerFactory(logger);
        var executor = new PassthroughExecutor(credentials, options);
        return (new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor }), callLog);
    }

    private static HttpResponseMessage Redirect(HttpStatusCode status, string location)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("Location", location);
        return response;
    }

    private static Microsoft.Extensions.Options.IOptions<FakeLogCollectorOptions> Options(LogLevel level) =>
        Microsoft.Extensions.Options.Options.Create(new FakeLogCollectorOptions { FilteredLevels = { level, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error } });

    private static ActivityListener Listen(List<Activity> activities)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Integry.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (!(activity.OperationName + activity.Parent?.OperationName).Contains("echo", StringComparison.Ordinal))
                {
                    return;
                }

                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string LowerEscapes(string escaped) =>
        System.Text.RegularExpressions.Regex.Replace(escaped, "%[0-9A-F]{2}", match => match.Value.ToLowerInvariant());

    private static string Describe(string secret) => secret.StartsWith("Basic ", StringComparison.Ordinal) ? "whole Basic header" : secret.StartsWith("Bearer ", StringComparison.Ordinal) ? "whole Bearer header" : secret.Contains(':', StringComparison.Ordinal) ? "user:password" : secret == User ? "user" : secret == Password ? "password" : "token";
}
