using System.Text;
using Integry.Sdk.Passthrough;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Placements;

/// <summary>The three catalog apps that take no header or query credential: Mailchimp Transactional and Customer.guru in the JSON body, Amazon SES by AWS Signature V4.</summary>
public class BodyAndSignedPlacementsReachTheWireTests
{
    [Test]
    public async Task Mailchimp_transactional_gets_its_key_as_the_last_member_of_the_json_body()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("mailchimp-transactional", new Credential.ApiKey("md-key-123456"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://mandrillapp.com/api/1.0/messages/send").RespondCapturing(captured, body: """[{"status":"sent"}]""");

        var result = await host.Client.PassthroughAsync("mailchimp-transactional", PassthroughRequest.Post("messages/send", PassthroughBody.Json("""{"message": {"text": "caf\u00e9", "to": [{"email": "a@example.com"}]}}""")));

        host.Mock.VerifyNoOutstandingExpectation();
        var request = captured.Single();
        TestContext.Out.WriteLine($"{request.Method} {request.Uri}\nContent-Type: {request.ContentType}\n{string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value))}\n\n{request.BodyText}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(request.BodyText, Is.EqualTo("""{"message":{"text": "caf\u00e9", "to": [{"email": "a@example.com"}]},"key":"md-key-123456"}"""));
            Assert.That(request.ContentType, Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(request.Headers.ContainsKey("Authorization"), Is.False);
            Assert.That(request.Uri.Query, Is.Empty);
        }
    }

    [Test]
    public async Task A_call_without_a_body_sends_an_object_of_the_key_alone()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("mailchimp-transactional", new Credential.ApiKey("md-key-123456"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://mandrillapp.com/api/1.0/users/ping2").RespondCapturing(captured, body: """{"PING":"PONG!"}""");

        await host.Client.PassthroughAsync("mailchimp-transactional", new PassthroughRequest(HttpMethod.Post, "users/ping2"));

        Assert.That(captured.Single().BodyText, Is.EqualTo("""{"key":"md-key-123456"}"""));
    }

    [Test]
    public async Task A_body_that_already_names_the_key_or_is_not_a_json_object_is_refused_and_nothing_is_sent()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("mailchimp-transactional", new Credential.ApiKey("md-key-123456"));

        var clash = await host.Client.PassthroughAsync("mailchimp-transactional", PassthroughRequest.Post("users/ping2", PassthroughBody.Json("""{"key":"other"}""")));
        var form = await host.Client.PassthroughAsync("mailchimp-transactional", PassthroughRequest.Post("users/ping2", PassthroughBody.Form([new("a", "b")])));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)clash).ErrorDetails.Single(), Is.EqualTo("body: The body must not carry the 'key' member: the SDK puts the user's Mailchimp Transactional (Mandrill) credential there."));
            Assert.That(((Result.Rejected)form).ErrorDetails.Single(), Does.StartWith("body: Mailchimp Transactional (Mandrill) takes the user's credential in a JSON object body"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_redirect_outside_the_app_of_a_body_that_carries_the_key_is_not_followed()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("mailchimp-transactional", new Credential.ApiKey("md-key-123456"));
        host.Mock.Expect(HttpMethod.Put, "https://mandrillapp.com/api/1.0/templates/update")
            .Respond(System.Net.HttpStatusCode.Found, [new KeyValuePair<string, string>("Location", "https://evil.example/steal")], "text/plain", string.Empty);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.Client.PassthroughAsync("mailchimp-transactional", PassthroughRequest.Put("templates/update", PassthroughBody.Json("""{"name":"t"}"""))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("redirected a request whose body carries the user's credential outside its hosts"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task Customer_guru_gets_its_token_and_secret_in_the_json_body()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("customer-guru", new Credential.Basic("cg-token-123456", "cg-secret-123456"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://customer.guru/api/v2/survey").RespondCapturing(captured, body: """{"status":"OK"}""");

        await host.Client.PassthroughAsync("customer-guru", PassthroughRequest.Post("survey", PassthroughBody.Json("""{"test":true,"scheduled_for":"now","customers":[{"email":"a@example.com"}]}""")));

        var request = captured.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.BodyText, Is.EqualTo("""{"test":true,"scheduled_for":"now","customers":[{"email":"a@example.com"}],"api_token":"cg-token-123456","api_secret":"cg-secret-123456"}"""));
            Assert.That(request.Headers.ContainsKey("Authorization"), Is.False);
        }
    }

    [Test]
    public async Task Amazon_ses_is_signed_with_aws_signature_v4_for_the_accounts_region_and_the_secret_never_travels()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        using var host = PassthroughTestHost.Create(options => options.TimeProvider = clock);
        host.Connect("amazon-ses", new Credential.Basic("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") { Metadata = new Dictionary<string, string> { ["region"] = "eu-west-1" } });
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails").RespondCapturing(captured, body: """{"MessageId":"0100-1"}""");
        const string Body = """{"FromEmailAddress":"a@example.com","Destination":{"ToAddresses":["b@example.com"]},"Content":{"Simple":{"Subject":{"Data":"Hi"},"Body":{"Text":{"Data":"Hello"}}}}}""";

        var result = await host.Client.PassthroughAsync("amazon-ses", PassthroughRequest.Post("v2/email/outbound-emails", PassthroughBody.Json(Body)));

        host.Mock.VerifyNoOutstandingExpectation();
        var request = captured.Single();
        var expected = new AwsSigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null, "eu-west-1", "ses")
            .Authorization("POST", request.Uri, [("content-type", "application/json; charset=utf-8"), ("x-amz-date", "20261130T080000Z")], Encoding.UTF8.GetBytes(Body), clock.GetUtcNow());
        var everything = request.Uri + string.Join("\n", request.Headers.Values) + request.BodyText;
        TestContext.Out.WriteLine($"{request.Method} {request.Uri}\nContent-Type: {request.ContentType}\n{string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value))}\n\n{request.BodyText}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(request.Headers["X-Amz-Date"], Is.EqualTo("20261130T080000Z"));
            Assert.That(request.Headers["Authorization"], Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261130/eu-west-1/ses/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="));
            Assert.That(request.Headers["Authorization"], Is.EqualTo(expected));
            Assert.That(request.BodyText, Is.EqualTo(Body));
            Assert.That(everything, Does.Not.Contain("wJalrXUtnFEMI"));
        }
    }

    [Test]
    public async Task Amazon_ses_without_a_region_is_refused_and_nothing_is_sent()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("amazon-ses", new Credential.Basic("AKIAIOSFODNN7EXAMPLE", "secret-123456"));

        var result = await host.Client.PassthroughAsync("amazon-ses", PassthroughRequest.Get("https://email.us-east-1.amazonaws.com/v2/email/account"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }
}
