using System.Net;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary>AddSafeRetries retries reads after transient failures and any route only when nothing was sent; never a call that may have run.</summary>
public class SafeRetriesTests
{

    [Test]
    public async Task A_5xx_on_the_call_route_is_not_retried()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(HttpStatusCode.BadGateway, "text/html", "<html>bad gateway</html>");
        var client = CreateClient(api);

        await Assert.ThatAsync(() => client.InvokeFunctionAsync("slack-post-message", new JsonObject()), Throws.InstanceOf<IntegryException>());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(api.Handler.GetMatchCount(api.Handler.Fallback), Is.Zero, "exactly one request was sent");
    }

    [Test]
    public async Task A_reset_after_sending_on_the_call_route_is_not_retried()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        var client = CreateClient(api);

        await Assert.ThatAsync(() => client.InvokeFunctionAsync("slack-post-message", new JsonObject()), Throws.InstanceOf<IntegryException>());

        Assert.That(api.UnexpectedRequests, Is.Zero, "no second request");
    }

    [Test]
    public async Task A_connection_failure_on_the_call_route_is_retried_because_nothing_was_sent()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));
        api.ExpectPost("functions/slack-post-message/call/").Respond("application/json", """{"network_code":"200","output":{}}""");
        var client = CreateClient(api);

        var result = await client.InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task A_503_then_a_429_on_a_read_route_are_retried()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").Respond(HttpStatusCode.ServiceUnavailable);
        api.ExpectPost("functions/list/").Respond(_ => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) } });
        api.ExpectPost("functions/list/").Respond("application/json", """{"functions":[],"_cursor":null}""");
        var client = CreateClient(api);

        var functions = await client.ListFunctionsAsync(FunctionType.Action);

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(functions, Is.Empty);
    }

    [Test]
    public async Task Reads_give_up_after_max_retries()
    {
        using var api = new IntegryApi();
        for (var i = 0; i < 2; i++)
        {
            api.ExpectPost("functions/slack-post-message/get/").Respond(HttpStatusCode.InternalServerError);
        }

        var client = CreateClient(api, maxRetries: 1);

        await Assert.ThatAsync(() => client.GetFunctionAsync("slack-post-message"), Throws.InstanceOf<IntegryException>());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase("https://api.integry.io/functions/list/", true)]
    [TestCase("https://api.integry.io/functions/predict/?predict_arguments=true", true)]
    [TestCase("https://api.integry.io/functions/slack-post-message/get/", true)]
    [TestCase("https://api.integry.io/apps/list/", true)]
    [TestCase("https://api.integry.io/apps/slack/get/", true)]
    [TestCase("https://example.test/integry/functions/list/", true)]
    [TestCase("https://api.integry.io/functions/slack-post-message/call/", false)]
    [TestCase("https://api.integry.io/functions/list/call/", false)]
    [TestCase("https://api.integry.io/functions/get/call/", false)]
    [TestCase("https://api.integry.io/slack-passthrough-request", false)]
    public void Only_list_get_and_predict_are_reads(string url, bool read)
    {
        Assert.That(Integry.Sdk.DependencyInjection.SafeRetryHandler.IsRead(new Uri(url)), Is.EqualTo(read));
    }

    [Test]
    public void Out_of_range_settings_are_refused()
    {
        var builder = new ServiceCollection().AddIntegry(_ => { });

        Assert.That(() => builder.AddSafeRetries(options => options.MaxRetries = 11), Throws.ArgumentException.With.Message.Contains("MaxRetries"));
        Assert.That(() => builder.AddSafeRetries(options => options.BaseDelay = TimeSpan.FromSeconds(-1)), Throws.ArgumentException.With.Message.Contains("BaseDelay"));
        Assert.That(() => builder.AddSafeRetries(options => options.BaseDelay = TimeSpan.FromHours(24) + TimeSpan.FromMilliseconds(1)), Throws.ArgumentException.With.Message.Contains("BaseDelay must be between 00:00:00 and 1.00:00:00"));
        Assert.That(() => builder.AddSafeRetries(options => options.BaseDelay = TimeSpan.FromHours(24)), Throws.Nothing);
    }

    private static IntegryClient CreateClient(IntegryApi api, int maxRetries = 2)
    {
        var services = new ServiceCollection();
        services.AddIntegry(options =>
        {
            options.AppKey = IntegryApi.AppKey;
            options.AppSecret = IntegryApi.AppSecret;
            options.UserId = IntegryApi.UserId;
            options.BaseAddress = new Uri(IntegryApi.Base);
        })
        .AddSafeRetries(options =>
        {
            options.MaxRetries = maxRetries;
            options.BaseDelay = TimeSpan.Zero;
        })
        .ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => api.Handler);
        return services.BuildServiceProvider().GetRequiredService<IntegryClient>();
    }
}
