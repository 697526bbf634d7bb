using System.Net;
using System.Text;
using System.Text.Json;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Emulator;

/// <summary>Every emulator route over a real socket, with raw HTTP so the wire itself is what is checked.</summary>
public class EmulatorRouteTests : SignedEmulatorFixture
{
    [Test]
    public async Task Call_executes_a_passthrough_and_answers_integrys_200()
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("X-Credits").Single(), Is.EqualTo("1"));
        Assert.That(response.Headers.Contains("X-Session-ID"), Is.True);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("network_code").GetString(), Is.EqualTo("200"));
        Assert.That(body.RootElement.GetProperty("output").GetProperty("account").GetString(), Is.EqualTo("101"));
    }

    [Test]
    public async Task Call_with_connected_account_id_in_the_query_uses_that_account()
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/?connected_account_id=102", """{"method":"GET","url":"v1/contacts"}""");

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("output").GetProperty("account").GetString(), Is.EqualTo("102"));
    }

    [Test]
    public async Task Call_of_an_unknown_function_answers_404_function_not_found()
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/slack-post-message/call/", "{}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Function not found"}"""));
    }

    [Test]
    public async Task Call_with_invalid_arguments_answers_400_with_the_parameter_map()
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", """{"method":42,"url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("error_details").GetProperty("method").GetString(), Does.StartWith("Must be a string"));
    }

    [Test]
    public async Task Functions_list_pages_by_the_configured_size_and_follows_the_cursor()
    {
        using var first = await SendAsync(HttpMethod.Post, "functions/list/?type=PASSTHROUGH", "{}");
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var cursor = firstBody.RootElement.GetProperty("_cursor").GetString();
        using var second = await SendAsync(HttpMethod.Post, "functions/list/?type=PASSTHROUGH", $$"""{"_cursor":"{{cursor}}"}""");
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync());

        Assert.That(firstBody.RootElement.GetProperty("functions").GetArrayLength(), Is.EqualTo(5));
        Assert.That(cursor, Is.Not.Null.And.Not.Empty);
        Assert.That(secondBody.RootElement.GetProperty("functions")[0].GetProperty("name").GetString(),
            Is.Not.EqualTo(firstBody.RootElement.GetProperty("functions")[0].GetProperty("name").GetString()));
    }

    [Test]
    public async Task Functions_list_filters_by_app_and_lists_other_types_empty()
    {
        using var byApp = await SendAsync(HttpMethod.Post, "functions/list/?type=PASSTHROUGH&app=crm&include=meta", "{}");
        using var actions = await SendAsync(HttpMethod.Post, "functions/list/?type=ACTION", "{}");
        using var byAppBody = JsonDocument.Parse(await byApp.Content.ReadAsStringAsync());
        using var actionsBody = JsonDocument.Parse(await actions.Content.ReadAsStringAsync());

        var only = byAppBody.RootElement.GetProperty("functions").EnumerateArray().Single();
        Assert.That(only.GetProperty("name").GetString(), Is.EqualTo("crm-passthrough-request"));
        Assert.That(only.GetProperty("meta").GetProperty("app").GetProperty("name").GetString(), Is.EqualTo("crm"));
        Assert.That(byAppBody.RootElement.GetProperty("_cursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(actionsBody.RootElement.GetProperty("functions").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Functions_list_rejects_an_unknown_type_and_a_forged_cursor()
    {
        using var badType = await SendAsync(HttpMethod.Post, "functions/list/?type=EVERYTHING", "{}");
        using var badCursor = await SendAsync(HttpMethod.Post, "functions/list/?type=PASSTHROUGH", """{"_cursor":"not-a-cursor!"}""");

        Assert.That(badType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(badCursor.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("POST")]
    [TestCase("GET")]
    public async Task Function_get_answers_the_function_or_404(string method)
    {
        using var found = await SendAsync(new HttpMethod(method), "functions/crm-passthrough-request/get/", method == "POST" ? "{}" : null);
        using var missing = await SendAsync(new HttpMethod(method), "functions/nosuchapp-passthrough-request/get/", method == "POST" ? "{}" : null);

        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await found.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("parameters").GetProperty("required").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "method", "url" }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Function not found"}"""));
    }

    [Test]
    public async Task Apps_list_and_get_show_connected_accounts()
    {
        using var list = await SendAsync(HttpMethod.Post, "apps/list/?connected_only=true", "{}");
        using var get = await SendAsync(HttpMethod.Post, "apps/crm/get/", "{}");
        using var missing = await SendAsync(HttpMethod.Post, "apps/nosuchapp/get/", "{}");
        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        using var getBody = JsonDocument.Parse(await get.Content.ReadAsStringAsync());

        Assert.That(listBody.RootElement.GetProperty("apps").EnumerateArray().Select(app => app.GetProperty("name").GetString()), Is.EqualTo(new[] { "crm" }));
        Assert.That(getBody.RootElement.GetProperty("connected_accounts").EnumerateArray().Select(account => account.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 101L, 102L }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"App not found"}"""));
    }

    [Test]
    public async Task Legacy_passthrough_route_and_legacy_listing()
    {
        using var call = await SendAsync(HttpMethod.Post, "crm-passthrough-request", """{"method":"GET","url":"v1/contacts"}""");
        using var list = await SendAsync(HttpMethod.Get, "functions?type=passthrough", null);

        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var listBody = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        Assert.That(listBody.RootElement.GetProperty("functions").GetArrayLength(), Is.EqualTo(5));
    }

    [Test]
    public async Task Call_log_route_lists_executed_calls_only_with_redacted_urls()
    {
        using var clear = await SendAsync(HttpMethod.Delete, "emulator/calls", null);
        using var executed = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", """{"method":"GET","url":"v1/contacts?api_key=abc&page=2"}""");
        using var rejected = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", """{"method":"FETCH","url":"v1/contacts"}""");
        using var log = await SendAsync(HttpMethod.Get, "emulator/calls", null);

        using var body = JsonDocument.Parse(await log.Content.ReadAsStringAsync());
        var call = body.RootElement.GetProperty("calls").EnumerateArray().Single();
        Assert.That(call.GetProperty("function_name").GetString(), Is.EqualTo("crm-passthrough-request"));
        Assert.That(call.GetProperty("url").GetString(), Does.EndWith("/v1/contacts?api_key=***&page=2"));
        Assert.That(call.GetProperty("network_code").GetString(), Is.EqualTo("200"));
    }

    [Test]
    public async Task Signature_in_the_query_is_accepted()
    {
        var hash = Hash(ConformanceWorld.AppSecret, "user-1");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"functions/crm-passthrough-request/call/?app_key={ConformanceWorld.AppKey}&user_id=user-1&hash={hash}")
        {
            Content = new StringContent("""{"method":"GET","url":"v1/contacts"}""", Encoding.UTF8, "application/json"),
        };
        using var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, "user-1", "good", TestName = "Missing App-Key")]
    [TestCase("wrong-key", "user-1", "good", TestName = "Wrong App-Key")]
    [TestCase(ConformanceWorld.AppKey, "user-1", "bad", TestName = "Wrong Hash")]
    [TestCase(ConformanceWorld.AppKey, null, "good", TestName = "Missing User-ID")]
    public async Task Bad_authentication_answers_integrys_detail(string? appKey, string? userId, string hashKind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "functions/crm-passthrough-request/call/")
        {
            Content = new StringContent("""{"method":"GET","url":"v1/contacts"}""", Encoding.UTF8, "application/json"),
        };
        if (appKey is not null)
        {
            request.Headers.Add("App-Key", appKey);
        }

        if (userId is not null)
        {
            request.Headers.Add("User-ID", userId);
        }

        request.Headers.Add("Hash", hashKind == "good" ? Hash(ConformanceWorld.AppSecret, "user-1") : Hash("other-secret", "user-1"));
        using var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Authentication credentials were not provided."}"""));
    }

    [TestCase("{not json", HttpStatusCode.BadRequest, "JSON parse error")]
    [TestCase("[1,2,3]", HttpStatusCode.BadRequest, "Expected a dictionary")]
    [TestCase("\"text\"", HttpStatusCode.BadRequest, "Expected a dictionary")]
    public async Task Malformed_bodies_get_a_clear_4xx_and_the_emulator_keeps_serving(string body, HttpStatusCode expected, string detail)
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", body);
        using var after = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(detail));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_huge_body_gets_413_and_the_emulator_keeps_serving()
    {
        var huge = "{\"method\":\"GET\",\"url\":\"v1/contacts\",\"body\":{\"blob\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";

        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", huge);
        using var after = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call/", """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("GET", "no/such/route")]
    [TestCase("POST", "functions/crm-passthrough-request/run/")]
    [TestCase("PUT", "functions/list/")]
    public async Task Unknown_routes_answer_404_or_405(string method, string path)
    {
        using var response = await SendAsync(new HttpMethod(method), path, "{}");

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed));
    }
}
