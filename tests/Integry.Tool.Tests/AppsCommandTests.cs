using System.Text.Json;

namespace Integry.Tool.Tests;

/// <summary>integry apps list|get against the emulator, in-process: the wire JSON, the table, the filters and bad input.</summary>
public class AppsCommandTests : ToolWorldFixture
{
    [Test]
    public async Task Apps_list_prints_every_page_as_integrys_wire_json_with_the_users_accounts()
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(World.Variables, "apps", "list");

        using var document = JsonDocument.Parse(output);
        var apps = document.RootElement.GetProperty("apps").EnumerateArray().ToArray();
        var crm = apps.Single(app => app.GetProperty("name").GetString() == "localcrm");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((exitCode, error), Is.EqualTo((0, string.Empty)));
            Assert.That(apps, Has.Length.GreaterThan(100), "the emulator's built-in apps come on several pages, all followed");
            Assert.That(apps.Select(app => app.GetProperty("name").GetString()), Is.Unique);
            Assert.That(crm.GetProperty("connected_accounts")[0].GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Number), "ids are numbers, as on Integry's wire");
            Assert.That(crm.GetProperty("connected_accounts")[0].GetProperty("id").GetRawText(), Is.EqualTo("7"));
            Assert.That(crm.GetProperty("connected_accounts")[0].GetProperty("display_name").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(output, Does.Not.Contain(ToolWorld.Token).And.Not.Contain(World.AppSecret));
        }
    }

    [Test]
    public async Task Apps_list_connected_only_as_a_table()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(World.Variables, "apps", "list", "--connected-only", "--table");

        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(lines[0], Does.Match("^NAME +TITLE +CONNECTED ACCOUNTS$"));
            Assert.That(lines[1..], Has.Length.EqualTo(1));
            Assert.That(lines[1], Does.Match("^localcrm +\\S.* +7 \\(ada@example.com\\)$"));
        }
    }

    [Test]
    public async Task Apps_list_for_a_user_without_accounts_connected_only_is_an_empty_list()
    {
        var (exitCode, output, _) = await ToolRun.RunAsync(World.As("user-2"), "apps", "list", "--connected-only");

        using var document = JsonDocument.Parse(output);
        Assert.That((exitCode, document.RootElement.GetProperty("apps").GetArrayLength()), Is.EqualTo((0, 0)));
    }

    [Test]
    public async Task Apps_get_prints_one_app_as_wire_json_or_a_table()
    {
        var (jsonExit, json, _) = await ToolRun.RunAsync(World.Variables, "apps", "get", "localcrm");
        var (tableExit, table, _) = await ToolRun.RunAsync(World.As("user-2"), "apps", "get", "localcrm", "--table");

        using var document = JsonDocument.Parse(json);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((jsonExit, tableExit), Is.EqualTo((0, 0)));
            Assert.That(document.RootElement.GetProperty("name").GetString(), Is.EqualTo("localcrm"));
            Assert.That(document.RootElement.GetProperty("id").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(document.RootElement.GetProperty("connected_accounts").GetArrayLength(), Is.EqualTo(1));
            Assert.That(document.RootElement.TryGetProperty("allow_multiple_connected_accounts", out _), Is.True);
            Assert.That(table.Split(Environment.NewLine)[1], Does.StartWith("localcrm ").And.Not.Contain("ada@example.com"), "user-2 has no account");
        }
    }

    [TestCase("no-such-app", "integry: there is no app named 'no-such-app' (see 'integry apps list').")]
    [TestCase("a/b", "integry: 'a/b' is not an app name: app names are slugs such as 'slack' (see 'integry apps list').")]
    [TestCase("..", "integry: '..' is not an app name: app names are slugs such as 'slack' (see 'integry apps list').")]
    public async Task Apps_get_of_an_unknown_or_malformed_name_is_one_line_and_exit_2(string name, string message)
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(World.Variables, "apps", "get", name);

        Assert.That((exitCode, output, error.Trim()), Is.EqualTo((2, string.Empty, message)));
    }

    [Test]
    public async Task Apps_without_credentials_name_the_missing_flag_and_send_nothing()
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(null, "apps", "list");

        Assert.That((exitCode, output, error.Trim()), Is.EqualTo((2, string.Empty, "integry: --app-key is required (or set INTEGRY_APP_KEY).")));
    }

    [Test]
    public async Task A_wrong_secret_is_exit_3_and_never_printed()
    {
        var (exitCode, output, error) = await ToolRun.RunAsync(World.Variables, "apps", "list", "--app-secret", "wrong-s3cret-value");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(3));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.StartWith("integry: ").And.Not.Contain("wrong-s3cret-value").And.Not.Contain(" at "));
            Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        }
    }
}
