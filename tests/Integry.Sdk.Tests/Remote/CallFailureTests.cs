using System.Net;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Answers that are not a function result, and transport faults, become <see cref="IntegryException"/>s without the secret.</summary>
public class CallFailureTests
{
    private const string NotProvided = """{"detail": "Authentication credentials were not provided."}""";

    private static Task<Result> CallAnswered(IntegryApi api, HttpStatusCode status, string body, string mediaType = "application/json")
    {
        api.ExpectPost("functions/slack-post-message/call/").Respond(status, mediaType, body);
        return api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    public async Task Credentials_not_provided_throws_an_authentication_exception_with_status_and_body(HttpStatusCode status)
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryAuthenticationException>(() => CallAnswered(api, status, NotProvided));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception!.StatusCode, Is.EqualTo(status));
        Assert.That(exception.ResponseBody, Is.EqualTo(NotProvided));
        Assert.That(exception.Message, Does.Contain("Authentication credentials were not provided."));
    }

    [Test]
    public async Task A_500_throws_an_integry_exception_with_status_and_body()
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.InternalServerError, "<h1>Server Error (500)</h1>", "text/html"));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(exception.ResponseBody, Is.EqualTo("<h1>Server Error (500)</h1>"));
        Assert.That(exception.Message, Does.Contain("500"));
    }

    [TestCase("text/plain", "upstream failed, secret was s3cr3t")]
    [TestCase("application/json", """{"detail":"Signature check failed for secret s3cr3t"}""")]
    [TestCase("application/json", """{"error":"boom","secret":"s3cr3t"}""")]
    public async Task The_app_secret_never_appears_in_the_exception_even_when_the_server_echoes_it(string mediaType, string body)
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.InternalServerError, body, mediaType));

        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(exception.ResponseBody, Does.Not.Contain(IntegryApi.AppSecret));
        Assert.That(exception.Message, Does.Not.Contain(IntegryApi.AppSecret));
        Assert.That(exception.ToString(), Does.Not.Contain(IntegryApi.AppSecret));
    }

    [Test]
    public async Task The_app_secret_never_appears_in_an_authentication_exception_even_when_the_server_echoes_it()
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryAuthenticationException>(() => CallAnswered(api, HttpStatusCode.Forbidden, """{"detail":"Hash is not HMAC(s3cr3t, user)."}"""));

        Assert.That(exception!.ResponseBody, Does.Not.Contain(IntegryApi.AppSecret));
        Assert.That(exception.Message, Does.Not.Contain(IntegryApi.AppSecret));
    }

    [TestCase("not json at all")]
    [TestCase("""{"network_code":"200","output":""")]
    [TestCase("""{"output":{}}""")]
    [TestCase("""{"network_code":"two hundred","output":{}}""")]
    public async Task A_200_whose_body_is_not_a_function_result_throws_an_integry_exception(string body)
    {
        using var api = new IntegryApi();

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.OK, body));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_transport_failure_throws_an_integry_exception_wrapping_it()
    {
        using var api = new IntegryApi();
        var transport = new HttpRequestException("Connection refused");
        api.ExpectPost("functions/slack-post-message/call/").Throw(transport);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject()));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception!.InnerException, Is.SameAs(transport));
        Assert.That(exception.StatusCode, Is.Null);
    }

    [Test]
    public async Task A_404_other_than_function_not_found_throws_an_integry_exception()
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.NotFound, "<html>Not Found</html>", "text/html"));

        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase(HttpStatusCode.Unauthorized, typeof(IntegryAuthenticationException))]
    [TestCase(HttpStatusCode.Forbidden, typeof(IntegryAuthenticationException))]
    [TestCase(HttpStatusCode.TooManyRequests, typeof(IntegryException))]
    [TestCase(HttpStatusCode.BadGateway, typeof(IntegryException))]
    public async Task A_status_without_a_json_body_throws_the_matching_exception(HttpStatusCode status, Type expected)
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, status, string.Empty, "text/plain"));

        Assert.That(exception, Is.TypeOf(expected));
        Assert.That(exception!.StatusCode, Is.EqualTo(status));
    }

    [Test]
    public async Task A_400_that_is_neither_a_rejection_nor_an_authentication_failure_throws_an_integry_exception()
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.BadRequest, "<html>Bad Request</html>", "text/html"));

        Assert.That(exception, Is.TypeOf<IntegryException>());
        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(exception.ResponseBody, Is.EqualTo("<html>Bad Request</html>"));
    }

    [Test]
    public async Task No_part_of_the_app_secret_survives_where_a_long_body_is_shortened()
    {
        using var api = new IntegryApi();
        var body = new string('x', 4093) + IntegryApi.AppSecret + new string('x', 100);

        var exception = await Assert.CatchAsync<IntegryException>(() => CallAnswered(api, HttpStatusCode.InternalServerError, body, "text/plain"));

        var shortened = exception!.ResponseBody!;
        Assert.That(shortened.Contains(IntegryApi.AppSecret[..3], StringComparison.Ordinal), Is.False, "The shortened body ends with: " + shortened[^20..]);
    }
}
