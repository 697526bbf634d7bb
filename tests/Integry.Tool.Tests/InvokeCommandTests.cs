using Integry.Sdk;
using Integry.Sdk.Emulator;
using Integry.Sdk.Testing;

namespace Integry.Tool.Tests;

/// <summary>integry invoke and functions against the emulator and a fake app, in-process: output, exit codes, bad input.</summary>
public class InvokeCommandTests
{
    private FakeApp _crm = null!;
    private IntegryEmulator _emulator = null!;
    private Dictionary<string, string> _variables = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _crm = await FakeApp.StartAsync("localcrm", app => app
            .MapGet("/contacts", FakeResponse.Json("""{"results":[]}"""))
            .MapGet("/missing", FakeResponse.Json("""{"message":"no such thing"}""", 404))
            .RequireBearerToken("local-token"));
        _emulator = await IntegryEmulator.StartAsync(builder => builder
            .AddApp(_crm.Definition)
            .AddUser("user-1", user => user.Connect("localcrm", new Credential.BearerToken("local-token"), "1")));
        _variables = new Dictionary<string, string>
        {
            ["INTEGRY_APP_KEY"] = _emulator.Config.AppKey,
            ["INTEGRY_APP_SECRET"] = _emulator.Config.AppSecret,
            ["INTEGRY_USER_ID"] = "user-1",
            ["INTEGRY_BASE_ADDRESS"] = _emulator.BaseAddress.AbsoluteUri,
        };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _emulator.DisposeAsync();
        await _crm.DisposeAsync();
    }

    [SetUp]
    public void Clear() => _crm.ClearRequests();

    [Test]
    public async Task An_executed_2xx_prints_the_wire_json_and_exits_0()
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(_variables, "invoke", "localcrm-passthrough-request", "--args", Args("contacts"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.Trim(), Is.EqualTo("""{"network_code":"200","output":{"results":[]}}"""));
            Assert.That(error, Is.Empty);
        }
    }

    [Test]
    public async Task An_executed_non_2xx_exits_1()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(_variables, "invoke", "localcrm-passthrough-request", "--args", Args("missing"));

        Assert.That((exitCode, output.Trim()), Is.EqualTo((1, """{"network_code":"404","output":{"message":"no such thing"}}""")));
    }

    [Test]
    public async Task A_rejection_exits_2_and_the_table_shows_its_details()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(_variables, "invoke", "slack-passthrough-request", "--args", """{"method":"GET","url":"https://slack.com/api/auth.test"}""", "--table");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(output, Does.StartWith("RESULT    ERROR" + Environment.NewLine + "rejected  Could not call the function due to invalid input."));
            Assert.That(output, Does.Contain("- User has not connected their Slack account."));
        }
    }

    [Test]
    public async Task Arguments_come_from_a_file_with_an_at_sign()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"args-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Args("contacts"));
        try
        {
            var (exitCode, output, error) = await ToolRun.RunAsync(_variables, "invoke", "localcrm-passthrough-request", "--args", "@" + path, "--account", "1");

            Assert.That((exitCode, _crm.Requests.Count), Is.EqualTo((0, 1)), output + error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("{not json", "integry: --args is not valid JSON: ")]
    [TestCase("[1,2]", "integry: --args must be a JSON object, not array.")]
    [TestCase("@/no/such/file.json", "integry: --args file '/no/such/file.json' cannot be read: ")]
    public async Task Malformed_arguments_are_one_line_exit_2_and_nothing_is_sent(string args, string message)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(_variables, "invoke", "localcrm-passthrough-request", "--args", args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.StartWith(message));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(output, Is.Empty);
            Assert.That(_crm.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task A_missing_credential_names_its_flag_and_variable()
    {
        var (exitCode, _, error) = await ToolRun.RunAsync(null, "invoke", "localcrm-passthrough-request");

        Assert.That((exitCode, error.Trim()), Is.EqualTo((2, "integry: --app-key is required (or set INTEGRY_APP_KEY).")));
    }

    [Test]
    public async Task Flags_override_the_environment()
    {
        var (exitCode, _, error) = await ToolRun.RunAsync(_variables, "invoke", "localcrm-passthrough-request", "--args", Args("contacts"), "--app-secret", "wrong-secret");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(3));
            Assert.That(error, Does.StartWith("integry: ").And.Contain("403").And.Not.Contain("wrong-secret"));
            Assert.That(_crm.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Functions_list_prints_the_wire_shape_or_a_table()
    {
        var (jsonExit, json, _) = await ToolRun.RunAsync(_variables, "functions", "list", "--app", "localcrm");
        var (tableExit, table, _) = await ToolRun.RunAsync(_variables, "functions", "list", "--app", "localcrm", "--table");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((jsonExit, tableExit), Is.EqualTo((0, 0)));
            Assert.That(json, Does.StartWith("{\n  \"functions\": [\n    {\n      \"name\": \"localcrm-passthrough-request\"").Or.StartWith("{\r\n  \"functions\""));
            Assert.That(table.Split(Environment.NewLine)[0], Does.Match("^NAME +DESCRIPTION$"));
            Assert.That(table.Split(Environment.NewLine)[1], Does.StartWith("localcrm-passthrough-request  "));
        }
    }

    [TestCase("functions", "integry: there is no function named 'nothing-here' (see 'integry functions list').")]
    [TestCase("apps", "integry: there is no app named 'nothing-here' (see 'integry apps list').")]
    public async Task Get_of_an_unknown_name_is_one_usage_line_on_stderr_and_exit_2(string command, string message)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(_variables, command, "get", "nothing-here");

        using (Assert.EnterMultipleScope())
        {
            Assert.That((exitCode, output, error), Is.EqualTo((2, string.Empty, message + Environment.NewLine)));
            Assert.That(_crm.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Invoking_an_unknown_function_is_a_rejection_exit_2()
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(_variables, "invoke", "nothing-here-at-all");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(2), output + error);
            Assert.That(output, Does.StartWith("{\"error\":"));
            Assert.That(_crm.Requests, Is.Empty);
        }
    }

    [TestCase("invoke", "not a name")]
    [TestCase("functions", "get", "not a name")]
    public async Task A_malformed_function_name_is_one_line_exit_2_and_nothing_is_sent(params string[] args)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(_variables, args);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((exitCode, output), Is.EqualTo((2, string.Empty)));
            Assert.That(error, Does.StartWith("integry: ").And.Not.Contain("(Parameter").And.Not.Contain(" at "));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(_crm.Requests, Is.Empty);
        }
    }

    private string Args(string path) => $$"""{"method":"GET","url":"{{new Uri(_crm.BaseAddress, path).AbsoluteUri}}"}""";
}
