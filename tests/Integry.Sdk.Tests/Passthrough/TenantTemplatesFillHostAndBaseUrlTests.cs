using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>Hosts and base URLs with <c>{variables}</c> are filled from the connected account's metadata, and only with DNS labels.</summary>
public class TenantTemplatesFillHostAndBaseUrlTests
{
    private static Credential Zendesk(string? subdomain) => new Credential.Basic("agent@acme.example/token", "pw")
    {
        Metadata = subdomain is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["subdomain"] = subdomain },
    };

    [Test]
    public async Task The_zendesk_subdomain_fills_the_base_url_for_a_relative_path()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", Zendesk("acme"));
        host.Mock.Expect(HttpMethod.Get, "https://acme.zendesk.com/api/v2/users/me.json").Respond("application/json", "{}");

        var result = await host.InvokeAsync("zendesk", """{"method":"GET","url":"users/me.json"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task The_zendesk_subdomain_makes_the_tenants_host_allowed_for_an_absolute_url()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", Zendesk("Acme"));
        host.Mock.Expect(HttpMethod.Get, "https://acme.zendesk.com/api/v2/groups.json").Respond("application/json", "{}");

        var result = await host.InvokeAsync("zendesk", """{"method":"GET","url":"https://acme.zendesk.com/api/v2/groups.json"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task Another_tenants_zendesk_host_is_not_allowed()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", Zendesk("acme"));

        var result = await host.InvokeAsync("zendesk", """{"method":"GET","url":"https://other.zendesk.com/api/v2/groups.json"}""");

        Assert.That(result, Is.TypeOf<Result.Rejected>());
        Assert.That(((Result.Rejected)result).FieldErrors!["url"], Does.StartWith("The host 'other.zendesk.com' is not one of Zendesk's hosts"));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task The_salesforce_instance_fills_host_and_base_url()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("salesforce", new Credential.BearerToken("00D-session") { Metadata = new Dictionary<string, string> { ["instance"] = "acme--dev.sandbox" } });
        host.Mock.Expect(HttpMethod.Get, "https://acme--dev.sandbox.my.salesforce.com/services/data/v61.0/query")
            .WithExactQueryString("q=SELECT+Id+FROM+Account")
            .WithHeaders("Authorization", "Bearer 00D-session")
            .Respond("application/json", """{"records":[]}""");

        var result = await host.InvokeAsync("salesforce", """{"method":"GET","url":"services/data/v61.0/query?q=SELECT+Id+FROM+Account"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [TestCase("evil.example#")]
    [TestCase("evil.example/")]
    [TestCase("a@b")]
    [TestCase("..")]
    [TestCase("evil.example:443")]
    [TestCase("evil.example?")]
    [TestCase("-acme")]
    public async Task A_tenant_value_that_could_change_the_host_is_rejected_and_nothing_is_sent(string subdomain)
    {
        foreach (var url in new[] { "tickets.json", "https://acme.zendesk.com/api/v2/tickets.json" })
        {
            using var host = PassthroughTestHost.Create();
            host.Connect("zendesk", Zendesk(subdomain));

            var result = await host.InvokeAsync("zendesk", "{\"method\":\"GET\",\"url\":" + PassthroughJson.Quote(url) + "}");

            using (Assert.EnterMultipleScope())
            {
                Assert.That(result, Is.TypeOf<Result.Rejected>(), url);
                Assert.That((result as Result.Rejected)?.ErrorDetails, Is.EqualTo(new[] { "url: The connected account's 'subdomain' is not a valid host name part." }), url);
                Assert.That(host.UnexpectedRequests, Is.Zero);
                Assert.That(host.CallLog.GetRecords(), Is.Empty);
            }
        }
    }

    [TestCase(null, TestName = "A missing subdomain is rejected with a clear detail")]
    [TestCase("", TestName = "An empty subdomain is rejected with a clear detail")]
    [TestCase("  ", TestName = "A blank subdomain is rejected with a clear detail")]
    public async Task A_missing_tenant_value_is_rejected_with_a_clear_detail(string? subdomain)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", Zendesk(subdomain));

        var relative = (Result.Rejected)await host.InvokeAsync("zendesk", """{"method":"GET","url":"tickets.json"}""");
        var absolute = (Result.Rejected)await host.InvokeAsync("zendesk", """{"method":"GET","url":"https://acme.zendesk.com/api/v2/tickets.json"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(relative.FieldErrors!["url"], Is.EqualTo("The connected account has no 'subdomain', which the app's base URL needs."));
            Assert.That(absolute.FieldErrors!["url"], Is.EqualTo("The connected account has no 'subdomain', which the app's host needs."));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_tenant_value_may_only_add_labels_in_front_of_the_fixed_domain()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", Zendesk("evil.example"));
        host.Mock.Expect(HttpMethod.Get, "https://evil.example.zendesk.com/api/v2/tickets.json").Respond("application/json", "{}");

        var result = await host.InvokeAsync("zendesk", """{"method":"GET","url":"tickets.json"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>(), "the value stays a sub-domain of zendesk.com");
    }
}
