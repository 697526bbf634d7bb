using System.Net;
using System.Text;
using System.Text.Json;
using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.Samples.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Integry.Sdk.IntegrationTests.Samples;

/// <summary>The ASP.NET Core sample, driven over HTTP: it picks the user from the request and proxies a passthrough.</summary>
public class AspNetCoreSampleTests
{
    private UpstreamServer _upstream = null!;
    private WebApplication _sample = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _upstream = await UpstreamServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"path":"{{context.Request.Path}}","authorized":{{(context.Request.Headers.Authorization == "Bearer crm-token" ? "true" : "false")}}}""");
        });
        _sample = SampleApp.Build(["--urls=http://127.0.0.1:0", "--environment=Testing"], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ExtraApps:crm:DisplayName"] = "Demo CRM",
            ["ExtraApps:crm:Host"] = "127.0.0.1",
            ["ExtraApps:crm:BaseUrl"] = _upstream.BaseAddress.AbsoluteUri,
            ["ExtraApps:crm:AllowLocalNetwork"] = "true",
            ["DemoConnections:user-1:crm"] = "crm-token",
        }));
        await _sample.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_sample.Urls.Single()) };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http.Dispose();
        await _sample.StopAsync();
        await _sample.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Test]
    public async Task The_endpoint_runs_the_passthrough_for_the_user_in_the_request()
    {
        using var response = await PostAsync("user-1", """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("network_code").GetString(), Is.EqualTo("200"));
        Assert.That(body.RootElement.GetProperty("output").GetProperty("path").GetString(), Is.EqualTo("/v1/contacts"));
        Assert.That(body.RootElement.GetProperty("output").GetProperty("authorized").GetBoolean(), Is.True);
        Assert.That(_upstream.Requests.Last().Headers["Authorization"], Is.EqualTo("Bearer crm-token"));
    }

    [Test]
    public async Task A_user_without_the_app_gets_integrys_rejection()
    {
        using var response = await PostAsync("user-2", """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("User has not connected their Demo CRM account."));
    }

    [Test]
    public async Task A_request_without_a_user_is_refused()
    {
        using var response = await PostAsync(null, """{"method":"GET","url":"v1/contacts"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<HttpResponseMessage> PostAsync(string? userId, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "passthrough/crm") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (userId is not null)
        {
            request.Headers.Add(SampleApp.UserHeader, userId);
        }

        return await _http.SendAsync(request);
    }
}
