using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>
/// Whatever Integry (or something posing as it) sends back, the caller never gets the app secret, the per-user hash or
/// the app key in a <see cref="Result.Rejected"/>, an exception message or <see cref="IntegryException.ResponseBody"/>,
/// in any form: raw, JSON-escaped or percent-encoded.
/// </summary>
public class RemoteRedactionTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    /// <summary>A secret with characters JSON and URLs escape, so each encoded form is exercised.</summary>
    private const string OddSecret = "p\"ä/ss+w rd<&>";

    private static void AssertClean(string? text, string secret, string hash, string appKey, string what)
    {
        Assert.That(text, Is.Not.Null, what);
        foreach (var form in Forms(secret).Concat(Forms(hash)).Concat(Forms(appKey)))
        {
            Assert.That(text!.Contains(form, StringComparison.OrdinalIgnoreCase), Is.False, $"{what} carries '{form}': {text}");
        }
    }

    private static IEnumerable<string> Forms(string secret) =>
    [
        secret,
        JsonEncodedText.Encode(secret).ToString(),
        JsonEncodedText.Encode(secret, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
        Uri.EscapeDataString(secret),
    ];

    private static void AssertClean(Result.Rejected rejected, string secret, string hash, string appKey)
    {
        AssertClean(rejected.ToJson(), secret, hash, appKey, "the rejection's JSON");
        AssertClean(rejected.ToString(), secret, hash, appKey, "the rejection's ToString");
        AssertClean(rejected.Error, secret, hash, appKey, "Error");
        AssertClean(string.Join("\n", rejected.ErrorDetails), secret, hash, appKey, "ErrorDetails");
        if (rejected.FieldErrors is { } fields)
        {
            AssertClean(string.Join("\n", fields.Select(pair => pair.Key + "=" + pair.Value)), secret, hash, appKey, "FieldErrors");
        }
    }

    private static void AssertClean(IntegryException exception, string secret, string hash, string appKey)
    {
        AssertClean(exception.Message, secret, hash, appKey, "the message");
        AssertClean(exception.ResponseBody ?? string.Empty, secret, hash, appKey, "ResponseBody");
    }

    [Test]
    public async Task A_400_whose_details_echo_the_secret_hash_and_app_key_comes_back_masked_with_its_reason()
    {
        using var api = new IntegryApi();
        var echo = $"User has not connected their Slack account (secret {IntegryApi.AppSecret}, hash {IntegryApi.UserHash.ToUpperInvariant()}, key {IntegryApi.AppKey}).";
        api.ExpectPost("functions/slack-post-message/call/").Respond(HttpStatusCode.BadRequest, "application/json",
            JsonSerializer.Serialize(new JsonObject { ["error"] = InvalidInput + " " + IntegryApi.AppSecret, ["error_details"] = new JsonArray(echo) }));

        var result = await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());

        var rejected = (Result.Rejected)result;
        AssertClean(rejected, IntegryApi.AppSecret, IntegryApi.UserHash, IntegryApi.AppKey);
        Assert.That(rejected.ErrorDetails[0], Is.EqualTo("User has not connected their Slack account (secret ***, hash ***, key ***)."));
        Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.NotConnected));
    }

    [Test]
    public async Task Field_errors_that_echo_the_secret_come_back_masked()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(HttpStatusCode.BadRequest, "application/json",
            JsonSerializer.Serialize(new JsonObject
            {
                ["error"] = InvalidInput,
                ["error_details"] = new JsonObject { ["channel"] = $"'{IntegryApi.AppSecret}' is not a channel", [IntegryApi.UserHash] = "unknown parameter" },
            }));

        var rejected = (Result.Rejected)await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());

        AssertClean(rejected, IntegryApi.AppSecret, IntegryApi.UserHash, IntegryApi.AppKey);
        Assert.That(rejected.FieldErrors!["channel"], Is.EqualTo("'***' is not a channel"));
        Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.InvalidArguments));
    }

    [Test]
    public async Task A_200_rejection_that_echoes_the_secret_comes_back_masked()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(HttpStatusCode.OK, "application/json",
            $$"""{"error":"{{InvalidInput}}","error_details":["hash={{IntegryApi.UserHash}}"]}""");

        var rejected = (Result.Rejected)await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());

        AssertClean(rejected, IntegryApi.AppSecret, IntegryApi.UserHash, IntegryApi.AppKey);
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.BadGateway)]
    public async Task A_server_that_echoes_the_request_headers_gets_none_of_them_into_the_exception(HttpStatusCode status)
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(request => new HttpResponseMessage(status)
        {
            Content = new StringContent(EchoOf(request), Encoding.UTF8, "text/plain"),
        });

        var exception = await Assert.CatchAsync<IntegryException>(() => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject()));

        Assert.That(exception!.ResponseBody, Does.Contain("Hash: ***").And.Contain("App-Key: ***"), "the echo is there, masked");
        AssertClean(exception, IntegryApi.AppSecret, IntegryApi.UserHash, IntegryApi.AppKey);
    }

    [Test]
    public async Task A_json_detail_that_echoes_the_hash_is_masked_in_the_message()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(HttpStatusCode.BadRequest, "application/json",
            $$"""{"detail":"Hash {{IntegryApi.UserHash}} does not match App-Key {{IntegryApi.AppKey}} (secret {{IntegryApi.AppSecret}})."}""");

        var exception = await Assert.CatchAsync<IntegryException>(() => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject()));

        Assert.That(exception!.Message, Does.Contain("Hash *** does not match App-Key *** (secret ***)."));
        AssertClean(exception, IntegryApi.AppSecret, IntegryApi.UserHash, IntegryApi.AppKey);
    }

    [Test]
    public async Task A_secret_echoed_json_escaped_or_percent_encoded_is_masked_too()
    {
        using var handler = new MockHttpMessageHandler();
        var hash = Integry.Sdk.Remote.RequestSignature.ComputeHash(OddSecret, IntegryApi.UserId);
        handler.Expect(HttpMethod.Post, IntegryApi.Base + "functions/slack-post-message/call/").Respond(HttpStatusCode.InternalServerError, "application/json",
            $$"""{"detail":"{{JsonEncodedText.Encode(OddSecret)}} | {{Uri.EscapeDataString(OddSecret)}} | {{Uri.EscapeDataString(OddSecret).Replace("%20", "+", StringComparison.Ordinal)}}"}""");
        var client = new IntegryClient(new IntegryClientOptions { AppKey = IntegryApi.AppKey, AppSecret = OddSecret, UserId = IntegryApi.UserId, BaseAddress = new Uri(IntegryApi.Base), HttpClient = handler.ToHttpClient() });

        var exception = await Assert.CatchAsync<IntegryException>(() => client.InvokeFunctionAsync("slack-post-message", new JsonObject()));

        handler.VerifyNoOutstandingExpectation();
        AssertClean(exception!, OddSecret, hash, IntegryApi.AppKey);
        Assert.That(exception!.Message, Does.Contain("*** | *** | ***"));
    }

    [Test]
    public async Task The_query_form_of_the_signature_echoed_in_a_transport_fault_message_is_masked()
    {
        // A user id that headers cannot carry sends the signature in the query; a handler's fault may quote the URL.
        using var handler = new MockHttpMessageHandler();
        const string userId = "üser-ñ";
        var hash = Integry.Sdk.Remote.RequestSignature.ComputeHash(IntegryApi.AppSecret, userId);
        handler.When("*").Respond(request => throw new HttpRequestException($"Could not send {request.RequestUri}"));
        var client = new IntegryClient(new IntegryClientOptions { AppKey = IntegryApi.AppKey, AppSecret = IntegryApi.AppSecret, UserId = userId, BaseAddress = new Uri(IntegryApi.Base), HttpClient = handler.ToHttpClient() });

        var exception = await Assert.CatchAsync<IntegryException>(() => client.InvokeFunctionAsync("slack-post-message", new JsonObject()));

        Assert.That(exception!.Message, Does.Contain("hash=***").And.Contain("app_key=***"));
        AssertClean(exception, IntegryApi.AppSecret, hash, IntegryApi.AppKey);
    }

    private static string EchoOf(HttpRequestMessage request)
    {
        var echo = new StringBuilder("You sent:\n").Append(request.Method).Append(' ').Append(request.RequestUri).Append('\n');
        foreach (var header in request.Headers)
        {
            echo.Append(header.Key).Append(": ").AppendJoin(", ", header.Value).Append('\n');
        }

        return echo.Append("and the secret is ").Append(IntegryApi.AppSecret).ToString();
    }
}
