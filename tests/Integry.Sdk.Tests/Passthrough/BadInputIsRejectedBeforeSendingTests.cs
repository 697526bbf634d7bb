using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// Every input that could send a credential somewhere it must not go, or that is malformed, is rejected with
/// Integry's invalid-input error and a message against the right parameter, and no request leaves the process.
/// </summary>
public class BadInputIsRejectedBeforeSendingTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";
    private const string Required = "This parameter is required and must not be null or empty";
    private const string Methods = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
    private const string UrlNotString = "Must be a string: an absolute https URL on the app's host, or a path relative to the app's base URL.";
    private const string NotSlackHost = "is not one of Slack's hosts (slack.com): credentials are sent only to the app's own hosts.";
    private const string IpAddress = "Must name Slack's host, not an IP address.";
    private const string UserInfo = "Must not carry user information ('user:password@'): the SDK adds the user's credential.";
    private const string ApiTokenClash = "Must not carry the 'api_token' query parameter: the SDK adds the user's credential there.";

    private static readonly AppDefinition NoBaseApp = new()
    {
        Slug = "nobase",
        DisplayName = "No Base",
        Hosts = ["api.nobase.example"],
    };

    private static readonly string OversizedUrl = "https://slack.com/api/" + new string('a', 8193 - "https://slack.com/api/".Length);

    private static IEnumerable<TestCaseData> BadInputs()
    {
        // Where the credential would go.
        yield return Case("host that starts with slack.com", "slack", Get("https://slack.com.evil.example/api/x"), "url", "The host 'slack.com.evil.example' " + NotSlackHost);
        yield return Case("host that ends with slack.com", "slack", Get("https://evilslack.com/api/x"), "url", "The host 'evilslack.com' " + NotSlackHost);
        yield return Case("look-alike host (Cyrillic a)", "slack", Get("https://sl\u0430ck.com/api/x"), "url", "The host 'xn--slck-63d.com' " + NotSlackHost);
        yield return Case("host with a trailing dot", "slack", Get("https://slack.com./api/x"), "url", "The host 'slack.com.' " + NotSlackHost);
        yield return Case("user and password in the URL", "slack", Get("https://user:pass@slack.com/api/x"), "url", UserInfo);
        yield return Case("slack.com as user info before another host", "slack", Get("https://slack.com@evil.example/x"), "url", UserInfo);
        yield return Case("backslash trick", "slack", Get("https://slack.com\\@evil.example/x"), "url", "Must not contain '\\'.");
        yield return Case("public IPv4 literal", "slack", Get("https://192.0.2.1/api/x"), "url", IpAddress);
        yield return Case("IPv6 loopback literal", "slack", Get("https://[::1]/x"), "url", IpAddress);
        yield return Case("IPv4 loopback literal", "slack", Get("https://127.0.0.1/x"), "url", IpAddress);
        yield return Case("cloud metadata address", "slack", Get("https://169.254.169.254/latest/meta-data"), "url", IpAddress);
        yield return Case("IPv4-mapped IPv6 loopback", "slack", Get("https://[::ffff:127.0.0.1]/x"), "url", IpAddress);
        yield return Case("loopback written as one decimal number", "slack", Get("https://2130706433/x"), "url", IpAddress);
        yield return Case("plain http", "slack", Get("http://slack.com/api/x"), "url", "Must use https: credentials are never sent over plain http (Slack).");
        yield return Case("ftp scheme", "slack", Get("ftp://slack.com/x"), "url", "Must be an https URL; the 'ftp' scheme is not supported.");
        yield return Case("file scheme", "slack", Get("file:///etc/passwd"), "url", "Must be an https URL; the 'file' scheme is not supported.");
        yield return Case("javascript scheme", "slack", Get("javascript:alert(1)"), "url", "Must be an https URL; the 'javascript' scheme is not supported.");
        yield return Case("https scheme without slashes", "slack", Get("https:/evil.example/x"), "url", "Is not a valid absolute URL.");
        yield return Case("non-default port", "slack", Get("https://slack.com:8443/api/x"), "url", "Port 8443 (https) is not one of Slack's: credentials are sent only to the app's own origins (scheme, host and port).");
        yield return Case("relative URL for an app without a base URL", "nobase", Get("v1/items"), "url", "Must be an absolute https URL: No Base has no base URL for relative paths.");
        yield return Case("bare pipedrive.com outside its hosts", "pipedrive", Get("https://pipedrive.com/v1/persons"), "url", "The host 'pipedrive.com' is not one of Pipedrive's hosts (api.pipedrive.com, *.pipedrive.com)");
        yield return Case("another salesforce instance", "salesforce", Get("https://other.my.salesforce.com/services/data"), "url", "The host 'other.my.salesforce.com' is not one of Salesforce's hosts ({instance}.my.salesforce.com)");
        yield return Case("tenant value evil.example#", "zendesk", Get("tickets.json"), "url", "The connected account's 'subdomain' is not a valid host name part.");

        // The URL's form.
        yield return Case("fragment", "slack", Get("https://slack.com/api/x#top"), "url", "Must not contain a fragment ('#'): fragments are never sent to a server.");
        yield return Case("CR LF header injection", "slack", Get("https://slack.com/api/x\r\nX-Injected: 1"), "url", "Must not contain control characters such as CR or LF.");
        yield return Case("tab", "slack", Get("https://slack.com/api/\tx"), "url", "Must not contain control characters such as CR or LF.");
        yield return Case("space", "slack", Get("https://slack.com/api/x y"), "url", "Must not contain white space; percent-encode it.");
        yield return Case("DEL", "slack", Get("https://slack.com/api/x\u007f"), "url", "Must not contain control characters such as CR or LF.");
        yield return Case("no-break space", "slack", Get("https://slack.com/api/x\u00a0y"), "url", "Must not contain white space; percent-encode it.");
        yield return Case("leading space", "slack", Get(" https://slack.com/api/x"), "url", "Must not have white space around it.");
        yield return Case("fragment after a non-ASCII path", "slack", Get("https://slack.com/api/café#top"), "url", "Must not contain a fragment ('#'): fragments are never sent to a server.");
        yield return Case("URL longer than 8192 characters", "slack", Get(OversizedUrl), "url", "Must be at most 8192 characters long; it has 8193.");
        yield return Case("api_token already in the query", "querykey", Get("deals?api_token=mine"), "url", ApiTokenClash);
        yield return Case("API_TOKEN in other case already in the query", "querykey", Get("https://api.querykey.example/v1/deals?API_TOKEN=mine"), "url", ApiTokenClash);
        yield return Case("percent-encoded api_token already in the query", "querykey", Get("deals?api%5Ftoken=mine"), "url", ApiTokenClash);

        // The parameters' types.
        yield return Case("method FETCH", "slack", """{"method":"FETCH","url":"auth.test"}""", "method", $"'FETCH' is not supported: use one of {Methods}.");
        yield return Case("method TRACE", "slack", """{"method":"TRACE","url":"auth.test"}""", "method", $"'TRACE' is not supported: use one of {Methods}.");
        yield return Case("method 42", "slack", """{"method":42,"url":"auth.test"}""", "method", $"Must be a string, one of {Methods}.");
        yield return Case("method null", "slack", """{"method":null,"url":"auth.test"}""", "method", Required);
        yield return Case("method empty", "slack", """{"method":"","url":"auth.test"}""", "method", Required);
        yield return Case("method missing", "slack", """{"url":"auth.test"}""", "method", Required);
        yield return Case("url missing", "slack", """{"method":"GET"}""", "url", Required);
        yield return Case("url blank", "slack", """{"method":"GET","url":"   "}""", "url", Required);
        yield return Case("url 42", "slack", """{"method":"GET","url":42}""", "url", UrlNotString);
        yield return Case("url an object", "slack", """{"method":"GET","url":{"href":"https://slack.com/api/x"}}""", "url", UrlNotString);
        yield return Case("body 42", "slack", """{"method":"POST","url":"chat.postMessage","body":42}""", "body", "Must be a JSON object or array, not number.");
        yield return Case("body text", "slack", """{"method":"POST","url":"chat.postMessage","body":"text"}""", "body", "Must be a JSON object or array, not string.");
        yield return Case("body true", "slack", """{"method":"POST","url":"chat.postMessage","body":true}""", "body", "Must be a JSON object or array, not true.");
        yield return Case("body larger than MaxRequestBodyBytes", "slack", "{\"method\":\"POST\",\"url\":\"chat.postMessage\",\"body\":{\"text\":\"" + new string('x', 2000) + "\"}}", "body", "Must be at most 1024 bytes (PassthroughOptions.MaxRequestBodyBytes).");
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task Is_rejected_and_nothing_is_sent(string app, string arguments, string field, string expected)
    {
        using var host = CreateHost();

        var result = await host.InvokeAsync(app, arguments);

        Assert.That(result, Is.TypeOf<Result.Rejected>(), result.ToString());
        var rejected = (Result.Rejected)result;
        TestContext.Out.WriteLine($"REJECTION|{TestContext.CurrentContext.Test.Name}|{rejected.ErrorDetails.Single()}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Error, Is.EqualTo(InvalidInput));
            Assert.That(rejected.FieldErrors, Is.Not.Null.And.ContainKey(field));
            Assert.That(rejected.FieldErrors?.GetValueOrDefault(field), Does.Contain(expected));
            Assert.That(rejected.ErrorDetails, Has.Count.EqualTo(1));
            Assert.That(host.UnexpectedRequests, Is.Zero, "no request may leave the process");
            Assert.That(host.Mock.GetMatchCount(host.Mock.Fallback), Is.Zero);
            Assert.That(host.CallLog.GetRecords(), Is.Empty);
            Assert.That(result.ToJson() + result, Does.Not.Contain("xoxb-secret").And.Not.Contain("query-secret").And.Not.Contain("zd-secret"));
        }
    }

    [Test]
    public async Task A_protocol_relative_url_stays_on_slack_com_under_the_base_path()
    {
        using var host = CreateHost();
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/evil.example/x")
            .WithHeaders("Authorization", "Bearer xoxb-secret")
            .RespondCapturing(captured);

        var result = await host.InvokeAsync("slack", Get("//evil.example/x"));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().Uri.Host, Is.EqualTo("slack.com"));
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing went to evil.example");
        }
    }

    private static PassthroughTestHost CreateHost()
    {
        var host = PassthroughTestHost.Create(options =>
        {
            options.MaxRequestBodyBytes = 1024;
            options.Apps.Add(NoBaseApp);
            options.Apps.Add(ApiKeyGoesInTheQueryTests.QueryKeyApp);
        });
        host.Connect("slack", new Credential.BearerToken("xoxb-secret"));
        host.Connect("nobase", new Credential.BearerToken("xoxb-secret"));
        host.Connect("querykey", new Credential.ApiKey("query-secret"));
        host.Connect("pipedrive", new Credential.ApiKey("query-secret"));
        host.Connect("salesforce", new Credential.BearerToken("xoxb-secret") { Metadata = new Dictionary<string, string> { ["instance"] = "acme" } });
        host.Connect("zendesk", new Credential.Basic("agent", "zd-secret") { Metadata = new Dictionary<string, string> { ["subdomain"] = "evil.example#" } });
        return host;
    }

    private static string Get(string url) => "{\"method\":\"GET\",\"url\":" + PassthroughJson.Quote(url) + "}";

    private static TestCaseData Case(string name, string app, string arguments, string field, string expected) =>
        new TestCaseData(app, arguments, field, expected).SetName("Rejected: " + name);
}
