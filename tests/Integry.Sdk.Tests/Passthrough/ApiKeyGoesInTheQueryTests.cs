using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>An app registered through <see cref="PassthroughOptions.Apps"/> that takes its API key as <c>?api_token=</c>.</summary>
public class ApiKeyGoesInTheQueryTests
{
    internal static readonly AppDefinition QueryKeyApp = new()
    {
        Slug = "querykey",
        DisplayName = "Query Key",
        Hosts = ["api.querykey.example"],
        BaseUrl = "https://api.querykey.example/v1/",
        ApiKeyPlacement = CredentialPlacement.Query("api_token"),
    };

    [Test]
    public async Task The_key_is_appended_to_the_callers_query_escaped_and_not_put_in_a_header()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(QueryKeyApp));
        host.Connect("querykey", new Credential.ApiKey("k&y=1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals")
            .WithExactQueryString("status=open&limit=5&api_token=k%26y%3D1")
            .RespondCapturing(captured);

        var result = await host.InvokeAsync("querykey", """{"method":"GET","url":"deals?status=open&limit=5"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        var request = captured.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(request.Uri.AbsoluteUri, Is.EqualTo("https://api.querykey.example/v1/deals?status=open&limit=5&api_token=k%26y%3D1"));
            Assert.That(request.Headers.ContainsKey("Authorization"), Is.False);
            Assert.That(request.Headers.Keys, Has.None.Contains("token").IgnoreCase);
        }
    }

    [Test]
    public async Task Without_a_query_of_its_own_the_url_gets_only_the_key()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(QueryKeyApp));
        host.Connect("querykey", new Credential.ApiKey("plain-key"));
        host.Mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/me")
            .WithExactQueryString("api_token=plain-key")
            .Respond("application/json", "{}");

        var result = await host.InvokeAsync("querykey", """{"method":"GET","url":"https://api.querykey.example/v1/me"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task Percent_encoded_path_and_query_of_the_caller_are_sent_unchanged_next_to_the_key()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(QueryKeyApp));
        host.Connect("querykey", new Credential.ApiKey("plain-key"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "*").RespondCapturing(captured);

        await host.InvokeAsync("querykey", """{"method":"GET","url":"files/a%2Fb?q=a%20b+c&r=%26"}""");

        Assert.That(captured.Single().Uri.AbsoluteUri, Is.EqualTo("https://api.querykey.example/v1/files/a%2Fb?q=a%20b+c&r=%26&api_token=plain-key"));
    }

    [Test]
    public async Task The_call_log_masks_the_key_in_the_recorded_url()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(QueryKeyApp));
        host.Connect("querykey", new Credential.ApiKey("very-secret-key"));
        host.Mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", "{}");

        await host.InvokeAsync("querykey", """{"method":"GET","url":"deals?status=open"}""");

        var record = host.CallLog.GetRecords().Single();
        Assert.That(record.Url, Is.EqualTo("https://api.querykey.example/v1/deals?status=open&api_token=***"));
    }
}
