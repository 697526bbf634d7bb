using System.Text.Json;

namespace Integry.Tool.Tests;

/// <summary>integry explain against the emulator, in-process: the plan as JSON or a table, its exit codes, and that nothing is ever sent.</summary>
public class ExplainCommandTests : ToolWorldFixture
{
    [Test]
    public async Task A_call_that_would_be_sent_prints_the_plan_and_exits_0_without_sending()
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(World.Variables, "explain", "localcrm", "GET", World.Url("contacts?limit=10"));

        using var plan = JsonDocument.Parse(output);
        var root = plan.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((exitCode, error), Is.EqualTo((0, string.Empty)));
            Assert.That(root.GetProperty("app").GetString(), Is.EqualTo("localcrm"));
            Assert.That(root.GetProperty("function").GetString(), Is.EqualTo("localcrm-passthrough-request"));
            Assert.That(root.GetProperty("user_id").GetString(), Is.EqualTo("user-1"));
            Assert.That(root.GetProperty("method").GetString(), Is.EqualTo("GET"));
            Assert.That(root.GetProperty("url").GetString(), Is.EqualTo(World.Url("contacts?limit=10")));
            Assert.That(root.GetProperty("runs_locally").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("policy").GetProperty("allowed").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("would_send").GetBoolean(), Is.True);
            Assert.That(root.GetProperty("rejection").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(output, Does.Not.Contain(ToolWorld.Token).And.Not.Contain(World.AppSecret));
        }

        World.AssertNothingSent();
    }

    [Test]
    public async Task A_call_the_policy_denies_exits_2_naming_the_rule()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(
            World.Variables, "explain", "localcrm", "DELETE", World.Url("contacts/1"), "--allow-app", "localcrm", "--read-only");

        using var plan = JsonDocument.Parse(output);
        var root = plan.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(root.GetProperty("policy").GetProperty("allowed").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("policy").GetProperty("rule").GetString(), Is.EqualTo("ReadOnly"));
            Assert.That(root.GetProperty("policy").GetProperty("message").GetString(), Is.EqualTo("The policy is read-only: DELETE is not allowed (only GET, HEAD, OPTIONS)."));
            Assert.That(root.GetProperty("would_send").GetBoolean(), Is.False);
            Assert.That(root.GetProperty("rejection").GetProperty("error_details")[0].GetString(), Does.StartWith("Denied by policy (rule: readOnly)."));
        }

        World.AssertNothingSent();
    }

    [Test]
    public async Task A_path_the_policy_does_not_cover_is_denied_after_normalisation()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(
            World.Variables, "explain", "localcrm", "GET", World.Crm.BaseAddress.AbsoluteUri + "contacts/../admin", "--allow-app", "localcrm", "--allow-path", "/contacts");

        using var plan = JsonDocument.Parse(output);
        Assert.That((exitCode, plan.RootElement.GetProperty("policy").GetProperty("rule").GetString()), Is.EqualTo((2, "PathPrefixes")));
    }

    [Test]
    public async Task A_user_who_has_not_connected_the_app_would_be_rejected_exit_2()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(World.As("user-2"), "explain", "localcrm", "GET", World.Url("contacts"));

        using var plan = JsonDocument.Parse(output);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(plan.RootElement.GetProperty("policy").GetProperty("allowed").GetBoolean(), Is.True);
            Assert.That(plan.RootElement.GetProperty("rejection").GetProperty("error_details")[0].GetString(), Does.StartWith("User has not connected their "));
        }

        World.AssertNothingSent();
    }

    [Test]
    public async Task An_account_the_user_does_not_have_would_be_rejected_and_a_known_one_is_planned()
    {
        var (missingExit, missing, _) = await ToolRun.RunAsync(World.Variables, "explain", "localcrm", "GET", World.Url("contacts"), "--account", "99");
        var (knownExit, known, _) = await ToolRun.RunAsync(World.Variables, "explain", "localcrm", "GET", World.Url("contacts"), "--account", "7");

        using var missingPlan = JsonDocument.Parse(missing);
        using var knownPlan = JsonDocument.Parse(known);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((missingExit, knownExit), Is.EqualTo((2, 0)));
            Assert.That(missingPlan.RootElement.GetProperty("rejection").GetProperty("error_details")[0].GetString(), Does.Contain("'99'"));
            Assert.That(knownPlan.RootElement.GetProperty("connected_account_id").GetRawText(), Is.EqualTo("7"));
        }
    }

    [Test]
    public async Task The_table_shows_the_plan_for_people()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(
            World.Variables, "explain", "localcrm", "post", World.Url("contacts"), "--body", """{"name":"Ada"}""", "--allow-app", "localcrm", "--allow-method", "GET", "--table");

        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(lines[0], Does.Match("^FIELD +VALUE$"));
            Assert.That(lines[1], Does.Match($"^request +POST {System.Text.RegularExpressions.Regex.Escape(World.Url("contacts"))}$"));
            Assert.That(lines, Has.Some.Match("^policy +denied \\(Methods\\): POST is not one of the policy's methods \\(GET\\)\\.$"));
            Assert.That(lines[^1], Does.StartWith("outcome  would be rejected: Could not call the function: the client's policy does not allow it."));
        }

        World.AssertNothingSent();
    }

    [TestCase(new[] { "explain", "localcrm", "FETCH", "https://x.example/a" }, "integry: METHOD 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.")]
    [TestCase(new[] { "explain", "localcrm", "GET", "ftp://x.example/a" }, "integry: URL 'ftp://x.example/a' is not an http(s) URL or a relative path.")]
    [TestCase(new[] { "explain", "localcrm", "GET", "https://exa mple/a" }, "integry: URL 'https://exa mple/a' is empty or holds white space: give an absolute https URL or a path such as /crm/v3/objects/contacts.")]
    [TestCase(new[] { "explain", "localcrm", "POST", "/contacts", "--body", "{nope" }, "integry: --body is not valid JSON: ")]
    [TestCase(new[] { "explain", "localcrm", "POST", "/contacts", "--body", "42" }, "integry: --body must be a JSON object or array, not number.")]
    [TestCase(new[] { "explain", "localcrm", "POST", "/contacts", "--body", "@/no/such/body.json" }, "integry: --body file '/no/such/body.json' cannot be read: ")]
    [TestCase(new[] { "explain", "nowhere", "GET", "/contacts" }, "integry: there is no app named 'nowhere' (see 'integry apps list').")]
    [TestCase(new[] { "explain", "local crm", "GET", "/contacts" }, "integry: 'local crm' is not an app name: app names are slugs such as 'slack' (see 'integry apps list').")]
    [TestCase(new[] { "explain", "localcrm", "GET", "/contacts", "--allow-method", "FETCH", "--allow-app", "localcrm" }, "integry: the policy cannot be used: The policy's method 'FETCH' can never match: passthroughs use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.")]
    [TestCase(new[] { "explain", "localcrm", "GET", "/contacts", "--read-only" }, "integry: the policy cannot be used: ")]
    [TestCase(new[] { "explain", "localcrm", "GET" }, "integry: Required argument missing for command: 'explain'. (see 'integry explain --help')")]
    public async Task Bad_input_is_one_line_exit_2_and_nothing_is_sent(string[] args, string message)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(World.Variables, args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith(message));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }

        World.AssertNothingSent();
    }

    [Test]
    public async Task Without_credentials_explain_names_the_missing_one()
    {
        var (exitCode, _, error) = await ToolRun.RunAsync(null, "explain", "localcrm", "GET", "/contacts");

        Assert.That((exitCode, error.Trim()), Is.EqualTo((2, "integry: --app-key is required (or set INTEGRY_APP_KEY).")));
    }
}
