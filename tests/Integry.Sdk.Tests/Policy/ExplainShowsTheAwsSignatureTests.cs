using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Policy;

/// <summary>
/// A dry run of an app signed with AWS Signature V4 (Amazon SES) lists what signing adds when the request is sent: the
/// <c>Authorization</c> signature with the headers it signs, <c>X-Amz-Date</c> and, for temporary credentials,
/// <c>X-Amz-Security-Token</c>; the same signed headers the call then sends, and no key, secret or token in any text.
/// </summary>
public class ExplainShowsTheAwsSignatureTests
{
    private const string KeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private const string Body = """{"FromEmailAddress":"a@example.com"}""";

    [Test]
    public async Task A_post_plans_the_signature_over_its_content_type_and_the_call_signs_the_same_headers()
    {
        using var host = Host(session: false);
        var request = PassthroughRequest.Post("v2/email/outbound-emails", PassthroughBody.Json(Body));

        var plan = await host.Client.ExplainAsync("amazon-ses", request);
        var sent = await SendAsync(host, HttpMethod.Post, "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails", request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.WouldSend, Is.True);
            Assert.That(plan.CredentialKind, Is.EqualTo("Basic"));
            Assert.That(plan.CredentialPlacements.Select(placement => placement.ToString()), Is.EqualTo(new[]
            {
                "header Authorization: AWS4-HMAC-SHA256 Credential=***/yyyyMMdd/eu-west-1/ses/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=***",
            }));
            Assert.That(plan.Headers["Authorization"], Is.EqualTo(plan.CredentialPlacements.Single().RedactedValue));
            Assert.That(plan.Headers["X-Amz-Date"], Does.Contain("yyyyMMddTHHmmssZ"));
            Assert.That(plan.Headers.ContainsKey("X-Amz-Security-Token"), Is.False);
            Assert.That(SignedHeaders(plan.Headers["Authorization"]), Is.EqualTo(SignedHeaders(sent.Headers["Authorization"])), "the plan names the headers the call signs");
            Assert.That(sent.Headers.ContainsKey("X-Amz-Date"), Is.True);
            AssertNoSecret(plan);
        }
    }

    [Test]
    public async Task A_get_with_temporary_credentials_plans_the_session_token_and_signs_it()
    {
        using var host = Host(session: true);
        // A header of the caller's that quotes the key id and the token is sent as given (to the app's own host), and shown masked.
        var request = PassthroughRequest.Get("https://email.eu-west-1.amazonaws.com/v2/email/account").WithHeader("X-Debug", $"key {KeyId} token {SessionToken}");

        var plan = await host.Client.ExplainAsync("amazon-ses", request);
        var sent = await SendAsync(host, HttpMethod.Get, "https://email.eu-west-1.amazonaws.com/v2/email/account", request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.CredentialPlacements.Select(placement => placement.ToString()), Is.EqualTo(new[]
            {
                "header Authorization: AWS4-HMAC-SHA256 Credential=***/yyyyMMdd/eu-west-1/ses/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=***",
                "header X-Amz-Security-Token: ***",
            }));
            Assert.That(plan.Headers["X-Amz-Security-Token"], Is.EqualTo("***"));
            Assert.That(plan.Headers.ContainsKey("Content-Type"), Is.False);
            Assert.That(SignedHeaders(plan.Headers["Authorization"]), Is.EqualTo(SignedHeaders(sent.Headers["Authorization"])), "the plan names the headers the call signs");
            Assert.That(sent.Headers["X-Amz-Security-Token"], Is.EqualTo(SessionToken));
            Assert.That(plan.Headers["X-Debug"], Is.EqualTo("key *** token ***"));
            Assert.That(plan.Headers.Keys.TakeLast(3), Is.EqualTo(new[] { "X-Amz-Date", "X-Amz-Security-Token", "Authorization" }), "signing comes last, in its order");
            AssertNoSecret(plan);
        }
    }

    // Authorization is refused for every app by PassthroughRequest.WithHeader itself.
    [TestCase("x-amz-date", "20200101T000000Z")]
    [TestCase("X-AMZ-SECURITY-TOKEN", "another-token")]
    public async Task A_header_that_signing_writes_is_refused_by_the_call_and_the_plan_alike(string name, string value)
    {
        using var host = Host(session: true);
        var request = PassthroughRequest.Get("https://email.eu-west-1.amazonaws.com/v2/email/account").WithHeader(name, value);

        var plan = await host.Client.ExplainAsync("amazon-ses", request);
        var result = await host.Client.PassthroughAsync("amazon-ses", request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            var rejected = (Result.Rejected)result;
            Assert.That(rejected.ErrorDetails, Is.EqualTo(new[] { $"headers: The header '{name}' cannot be set on a Amazon SES passthrough: the SDK writes it when it signs the request with the user's AWS key." }));
            Assert.That(plan.Rejection?.ErrorDetails, Is.EqualTo(rejected.ErrorDetails));
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing is sent");
            AssertNoSecret(plan);
        }
    }

    private static PassthroughTestHost Host(bool session)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var host = PassthroughTestHost.Create(options => options.TimeProvider = clock);
        var metadata = new Dictionary<string, string> { ["region"] = "eu-west-1" };
        if (session)
        {
            metadata["session_token"] = SessionToken;
        }

        host.Connect("amazon-ses", new Credential.Basic(KeyId, Secret) { Metadata = metadata });
        return host;
    }

    private static async Task<PassthroughCapturedRequest> SendAsync(PassthroughTestHost host, HttpMethod method, string url, PassthroughRequest request)
    {
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(method, url).RespondCapturing(captured, body: "{}");
        var result = await host.Client.PassthroughAsync("amazon-ses", request);
        Assert.That(result, Is.TypeOf<Result.Executed>());
        host.Mock.VerifyNoOutstandingExpectation();
        return captured.Single();
    }

    private static string SignedHeaders(string authorization) =>
        authorization.Split(", ").Single(part => part.StartsWith("SignedHeaders=", StringComparison.Ordinal));

    private static void AssertNoSecret(PassthroughPlan plan)
    {
        var text = plan + string.Join("\n", plan.Headers.Values) + string.Join("\n", plan.CredentialPlacements);
        Assert.That(text, Does.Not.Contain(Secret).And.Not.Contain(KeyId).And.Not.Contain(SessionToken));
    }
}
