using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>A call the local executor will not run reads exactly like one Integry rejected, sends nothing and is not logged.</summary>
public class RejectionsUseIntegrysTextsTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    [TestCase("slack", "Slack")]
    [TestCase("pipedrive", "Pipedrive")]
    [TestCase("hubspot", "HubSpot")]
    [TestCase("github", "GitHub")]
    public async Task A_user_who_has_not_connected_the_app_gets_the_not_connected_text_with_its_name_and_slug(string slug, string displayName)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("other", new Credential.BearerToken("t"));

        var result = await host.InvokeAsync(slug, """{"method":"GET","url":"anything"}""");

        AssertRejected(host, result, InvalidInput, $"User has not connected their {displayName} account. To connect an account, please call following SDK method: `connectApp('{slug}')`");
        JsonAssert.AreEqual(
            $$"""{"error":"{{InvalidInput}}","error_details":["User has not connected their {{displayName}} account. To connect an account, please call following SDK method: `connectApp('{{slug}}')`"]}""",
            result.ToJson());
    }

    [Test]
    public async Task Invalid_arguments_are_reported_per_parameter_as_integry_does()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"));

        var result = await host.InvokeAsync("slack", """{"method":"FETCH","body":"text"}""");

        var rejected = AssertRejected(host, result, InvalidInput);
        Assert.That(rejected.FieldErrors, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["method"] = "'FETCH' is not supported: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.",
            ["url"] = "This parameter is required and must not be null or empty",
            ["body"] = "Must be a JSON object or array, not string.",
        }));
        JsonAssert.AreEqual(
            $$"""
            {"error":"{{InvalidInput}}","error_details":{
              "method":"'FETCH' is not supported: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.",
              "url":"This parameter is required and must not be null or empty",
              "body":"Must be a JSON object or array, not string."}
            }
            """,
            result.ToJson());
    }

    [Test]
    public async Task Empty_arguments_name_both_required_parameters()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"));

        var result = await host.InvokeAsync("slack", "{}");

        var rejected = AssertRejected(host, result, InvalidInput);
        Assert.That(rejected.FieldErrors, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["method"] = "This parameter is required and must not be null or empty",
            ["url"] = "This parameter is required and must not be null or empty",
        }));
    }

    [Test]
    public async Task Arguments_are_checked_before_the_connection_so_bad_input_is_reported_even_when_not_connected()
    {
        using var host = PassthroughTestHost.Create();

        var result = await host.InvokeAsync("slack", """{"url":"x"}""");

        var rejected = AssertRejected(host, result, InvalidInput);
        Assert.That(rejected.FieldErrors!.Keys, Is.EqualTo(new[] { "method" }));
    }

    [Test]
    public async Task An_unknown_app_is_function_not_found()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("nosuchapp", new Credential.BearerToken("t"));

        var result = await host.InvokeAsync("nosuchapp", """{"method":"GET","url":"https://nosuchapp.example/x"}""");

        AssertRejected(host, result, "Function not found", "There is no function named 'nosuchapp-passthrough-request'.");
    }

    [Test]
    public async Task An_unknown_connected_account_id_is_rejected_naming_the_id()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"), connectedAccountId: "111");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""", connectedAccountId: "999");

        AssertRejected(host, result, InvalidInput, "User has no connected Slack account with id '999'. To connect an account, please call following SDK method: `connectApp('slack')`");
    }

    [Test]
    public async Task A_credential_kind_the_app_does_not_accept_is_rejected_without_quoting_it()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("salesforce", new Credential.ApiKey("sf-api-key-secret") { Metadata = new Dictionary<string, string> { ["instance"] = "acme" } });

        var result = await host.InvokeAsync("salesforce", """{"method":"GET","url":"services/data/v61.0/limits"}""");

        AssertRejected(host, result, InvalidInput, "Salesforce does not accept API key credentials; store the kind of credential its API takes.");
        Assert.That(result.ToJson() + result, Does.Not.Contain("sf-api-key-secret"));
    }

    [Test]
    public async Task A_basic_credential_for_an_app_without_basic_is_rejected()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.Basic("user", "basic-secret"));

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""");

        AssertRejected(host, result, InvalidInput, "Slack does not accept Basic (user name and password) credentials; store the kind of credential its API takes.");
    }

    [Test]
    public async Task No_rejected_call_reaches_the_call_log_while_an_executed_one_does()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"));
        host.Mock.When(HttpMethod.Get, "https://slack.com/api/auth.test").Respond("application/json", "{}");

        await host.InvokeAsync("slack", "{}");
        await host.InvokeAsync("pipedrive", """{"method":"GET","url":"v1/users/me"}""");
        await host.InvokeAsync("nosuchapp", """{"method":"GET","url":"x"}""");
        await host.InvokeAsync("slack", """{"method":"GET","url":"https://evil.example/x"}""");
        await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""");

        var records = host.CallLog.GetRecords();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records, Has.Count.EqualTo(1));
            Assert.That(records[0].Url, Is.EqualTo("https://slack.com/api/auth.test"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    private static Result.Rejected AssertRejected(PassthroughTestHost host, Result result, string error, params string[] details)
    {
        Assert.That(result, Is.TypeOf<Result.Rejected>());
        var rejected = (Result.Rejected)result;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Error, Is.EqualTo(error));
            if (details.Length > 0)
            {
                Assert.That(rejected.ErrorDetails, Is.EqualTo(details));
            }

            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing may be sent");
            Assert.That(host.CallLog.GetRecords(), Is.Empty, "rejected calls are not logged");
        }

        return rejected;
    }
}
