using System.Globalization;
using System.Net;
using System.Text.Json;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Emulator;

/// <summary>
/// The emulator as a faithful stand-in for Integry's own clients: every route with and without the trailing slash,
/// the browser SDK's config check, predict, typed app objects and each route's error shapes, over a real socket.
/// </summary>
public class EmulatorParityRouteTests : SignedEmulatorFixture
{
    [TestCase("POST", "functions/list/?type=PASSTHROUGH&app=crm", "{}", HttpStatusCode.OK)]
    [TestCase("POST", "functions/predict/?predict_arguments=true", """{"prompt":"list Demo CRM contacts at /v1/contacts"}""", HttpStatusCode.OK)]
    [TestCase("POST", "functions/crm-passthrough-request/call/", """{"method":"GET","url":"v1/contacts"}""", HttpStatusCode.OK)]
    [TestCase("POST", "functions/crm-passthrough-request/get/", "{}", HttpStatusCode.OK)]
    [TestCase("GET", "functions/crm-passthrough-request/get/", null, HttpStatusCode.OK)]
    [TestCase("POST", "functions/nosuchapp-passthrough-request/get/", "{}", HttpStatusCode.NotFound)]
    [TestCase("POST", "functions/slack-post-message/get/", "{}", HttpStatusCode.NotFound)]
    [TestCase("POST", "apps/list/?connected_only=true", "{}", HttpStatusCode.OK)]
    [TestCase("POST", "apps/crm/get/", "{}", HttpStatusCode.OK)]
    [TestCase("POST", "apps/nosuchapp/get/", "{}", HttpStatusCode.NotFound)]
    [TestCase("GET", "verify-sdk-config/", null, HttpStatusCode.OK)]
    public async Task Every_route_answers_the_same_with_and_without_the_trailing_slash(string method, string pathAndQuery, string? body, HttpStatusCode expected)
    {
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? pathAndQuery[q..] : string.Empty;
        var withSlash = pathAndQuery[..(pathAndQuery.Length - query.Length)];
        var withoutSlash = withSlash.TrimEnd('/') + query;

        using var slashed = await SendAsync(new HttpMethod(method), pathAndQuery, body);
        using var bare = await SendAsync(new HttpMethod(method), withoutSlash, body);

        Assert.That(slashed.StatusCode, Is.EqualTo(expected));
        Assert.That(bare.StatusCode, Is.EqualTo(expected));
        if (!withSlash.Contains("/call/", StringComparison.Ordinal))
        {
            Assert.That(await bare.Content.ReadAsStringAsync(), Is.EqualTo(await slashed.Content.ReadAsStringAsync()));
        }
    }

    [Test]
    public async Task Verify_sdk_config_accepts_the_browser_sdks_query_signature_and_refuses_a_bad_one()
    {
        var hash = Hash(ConformanceWorld.AppSecret, "user-1");
        using var good = await Http.GetAsync($"verify-sdk-config/?app_key={ConformanceWorld.AppKey}&user_id=user-1&hash={hash}");
        using var bad = await Http.GetAsync($"verify-sdk-config/?app_key={ConformanceWorld.AppKey}&user_id=user-1&hash=00");

        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await good.Content.ReadAsStringAsync(), Is.EqualTo("""{"valid":true}"""));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await bad.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Authentication credentials were not provided."}"""));
    }

    [Test]
    public async Task App_objects_are_typed_as_integry_documents_them()
    {
        using var response = await SendAsync(HttpMethod.Post, "apps/crm/get/", "{}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var app = body.RootElement;
        var account = app.GetProperty("connected_accounts")[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(app.GetProperty("name").GetString(), Is.EqualTo("crm"));
            Assert.That(app.GetProperty("title").GetString(), Is.EqualTo("Demo CRM"));
            Assert.That(app.GetProperty("icon_url").GetString(), Is.Empty);
            Assert.That(app.GetProperty("docs_url").GetString(), Is.Empty);
            Assert.That(app.GetProperty("allow_multiple_connected_accounts").GetBoolean(), Is.True);
            Assert.That(account.GetProperty("id").GetInt64(), Is.EqualTo(101));
            Assert.That(account.GetProperty("display_name").GetString(), Is.EqualTo("101"));
            Assert.That(DateTimeOffset.TryParse(account.GetProperty("modified_at").GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _), Is.True);
        }
    }

    [Test]
    public async Task Apps_list_pages_with_the_cursor_in_the_body_or_the_query_and_refuses_a_forged_one()
    {
        using var first = await SendAsync(HttpMethod.Post, "apps/list/", "{}");
        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var cursor = firstBody.RootElement.GetProperty("_cursor").GetString()!;
        using var inBody = await SendAsync(HttpMethod.Post, "apps/list/", $$"""{"_cursor":"{{cursor}}"}""");
        using var inQuery = await SendAsync(HttpMethod.Post, $"apps/list?_cursor={cursor}", "{}");
        using var forged = await SendAsync(HttpMethod.Post, "apps/list/", """{"_cursor":"b2Zmc2V0Oi14"}""");

        Assert.That(firstBody.RootElement.GetProperty("apps").GetArrayLength(), Is.EqualTo(5));
        Assert.That(await inQuery.Content.ReadAsStringAsync(), Is.EqualTo(await inBody.Content.ReadAsStringAsync()));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await forged.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Invalid cursor."}"""));
    }

    [Test]
    public async Task Predict_ranks_by_the_prompts_words_and_predicts_arguments_when_the_prompt_names_a_url()
    {
        using var response = await SendAsync(
            HttpMethod.Post,
            "functions/predict/?predict_arguments=true&include=meta",
            """{"prompt":"Create a contact in Demo CRM: POST /v1/contacts/42","_variables":{"contact":"42"}}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var best = body.RootElement.GetProperty("functions")[0];

        Assert.That(best.GetProperty("name").GetString(), Is.EqualTo("crm-passthrough-request"));
        Assert.That(best.GetProperty("meta").GetProperty("app").GetProperty("name").GetString(), Is.EqualTo("crm"));
        Assert.That(best.GetProperty("arguments").GetRawText(), Is.EqualTo("""{"method":"POST","url":"/v1/contacts/{contact}"}"""));
    }

    [Test]
    public async Task Predict_answers_an_empty_list_when_nothing_fits_and_no_arguments_unless_asked()
    {
        using var nothing = await SendAsync(HttpMethod.Post, "functions/predict/", """{"prompt":"zzz qqq"}""");
        using var plain = await SendAsync(HttpMethod.Post, "functions/predict/", """{"prompt":"Demo CRM contacts /v1/contacts"}""");
        using var plainBody = JsonDocument.Parse(await plain.Content.ReadAsStringAsync());

        Assert.That(await nothing.Content.ReadAsStringAsync(), Is.EqualTo("""{"functions":[]}"""));
        Assert.That(plainBody.RootElement.GetProperty("functions")[0].TryGetProperty("arguments", out _), Is.False);
        Assert.That(plainBody.RootElement.GetProperty("functions")[0].TryGetProperty("meta", out _), Is.False);
    }

    [TestCase("{}")]
    [TestCase("""{"prompt":""}""")]
    [TestCase("""{"prompt":"   "}""")]
    [TestCase("""{"prompt":42}""")]
    public async Task Predict_without_a_prompt_answers_integrys_400(string body)
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/predict/", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"prompt":"Must be a non-empty string"}"""));
    }

    [Test]
    public async Task Get_with_a_prompt_adds_arguments_and_include_meta_adds_meta()
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/get/?include=meta", """{"prompt":"delete /v1/contacts/7","_variables":{}}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(body.RootElement.GetProperty("arguments").GetRawText(), Is.EqualTo("""{"method":"DELETE","url":"/v1/contacts/7"}"""));
        Assert.That(body.RootElement.GetProperty("meta").GetProperty("type").GetString(), Is.EqualTo("PASSTHROUGH"));
    }

    [Test]
    public async Task A_call_with_the_workspace_flag_runs_as_any_call()
    {
        using var response = await SendAsync(HttpMethod.Post, "functions/crm-passthrough-request/call?allow_workspace_connected_accounts=true", """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
