using System.Text.Json;

namespace Integry.Sdk.Tests.Policy;

public class PolicyTableTests
{
    private static IEnumerable<TestCaseData> Rows() => PolicyTable.Rows.Select(row =>
        new TestCaseData(row.Policy, row.Function, row.Method, row.Url, row.Rule).SetName($"{row.Policy}: {row.Function} {row.Method} {row.Url} -> {(row.Rule is null ? "allowed" : row.Rule.ToString())} ({row.Why})"));

    private static IEnumerable<TestCaseData> Invalid() => PolicyTable.Invalid.Select(row => new TestCaseData(row.Build, row.Message).SetName("refused at construction: " + row.What));

    [TestCaseSource(nameof(Rows))]
    public void Each_row_of_the_policy_table_decides_as_written(string policy, string function, string method, string url, PolicyRule? rule)
    {
        var decision = Evaluate(PolicyTable.Policies[policy], function, method, url);

        Assert.That(decision.Rule, Is.EqualTo(rule), decision.Message);
        if (rule is not null)
        {
            Assert.That(decision.Message, Is.Not.Empty);
        }
    }

    [TestCaseSource(nameof(Invalid))]
    public void A_policy_that_cannot_work_is_refused_with_a_clear_message(Func<PassthroughPolicy> build, string message)
    {
        var exception = Assert.Throws<ArgumentException>(() => build());

        Assert.That(exception!.Message, Does.Contain(message));
    }

    [Test]
    public void A_url_whose_path_holds_a_tag_that_variables_would_fill_is_denied()
    {
        var arguments = Arguments("GET", "/crm/v3/objects/contacts/{id}");

        var decision = PolicyTable.Contacts.Evaluate("hubspot-passthrough-request", arguments, hasVariables: true, BaseUrlOf);
        var withoutVariables = PolicyTable.Contacts.Evaluate("hubspot-passthrough-request", arguments, hasVariables: false, BaseUrlOf);

        Assert.That(decision.Rule, Is.EqualTo(PolicyRule.CanonicalPath));
        Assert.That(withoutVariables.IsAllowed, Is.True, "without _variables the braces are literal text below the prefix");
    }

    [Test]
    public void A_relative_url_of_an_app_without_a_known_base_url_is_denied_under_path_rules()
    {
        var policy = new PassthroughPolicy(apps: ["mystery"], pathPrefixes: ["/v1"]);

        var decision = policy.Evaluate("mystery-passthrough-request", Arguments("GET", "/v1/items"), hasVariables: false, _ => null);

        Assert.That(decision.Rule, Is.EqualTo(PolicyRule.CanonicalPath));
        Assert.That(decision.Message, Does.Contain("absolute URL"));
    }

    [Test]
    public void Allows_function_answers_by_name_only()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PolicyTable.Contacts.AllowsFunction("hubspot-passthrough-request"), Is.True);
            Assert.That(PolicyTable.Contacts.AllowsFunction("slack-passthrough-request"), Is.False);
            Assert.That(PolicyTable.Functions.AllowsFunction("hubspot-get-deal"), Is.True);
            Assert.That(PolicyTable.Functions.AllowsFunction("hubspot-passthrough-request"), Is.False);
        }
    }

    [Test]
    public void The_policy_describes_its_rules()
    {
        Assert.That(PolicyTable.Contacts.ToString(), Is.EqualTo("PassthroughPolicy { apps: hubspot; methods: GET, HEAD, OPTIONS (read-only); paths: /crm/v3/objects/contacts; functions: none }"));
    }

    [Test]
    public void Docs_policy_md_holds_the_table_the_code_decides()
    {
        var rendered = Render();
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Integry.Sdk.sln")))
        {
            root = root.Parent;
        }

        var document = File.ReadAllText(Path.Combine(root!.FullName, "docs", "policy.md")).ReplaceLineEndings("\n");
        TestContext.Out.WriteLine(rendered);

        Assert.That(document, Does.Contain(rendered), "docs/policy.md is out of date: paste the table printed above");
    }

    private static string Render()
    {
        var text = new System.Text.StringBuilder();
        text.Append("| policy | call | decision | rule's message | what it shows |\n| --- | --- | --- | --- | --- |\n");
        foreach (var row in PolicyTable.Rows)
        {
            var decision = Evaluate(PolicyTable.Policies[row.Policy], row.Function, row.Method, row.Url);
            var call = row.Url == "-" ? row.Function : $"{row.Function} `{row.Method.Trim()}{(row.Method != row.Method.Trim() ? " (with a space)" : string.Empty)} {row.Url}`";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"| {row.Policy} | {Cell(call)} | {(decision.IsAllowed ? "allowed" : "denied: " + decision.Rule)} | {Cell(decision.Message ?? string.Empty)} | {Cell(row.Why)} |\n");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    internal static PolicyDecision Evaluate(PassthroughPolicy policy, string function, string method, string url)
    {
        var name = function.Contains('-', StringComparison.Ordinal) ? function : function + "-passthrough-request";
        return policy.Evaluate(name, Arguments(method, url), hasVariables: false, BaseUrlOf);
    }

    private static Uri? BaseUrlOf(string app) => Integry.Sdk.Policy.PolicyPath.BaseUrlOf(AppCatalog.BuiltIn, app);

    private static JsonElement Arguments(string method, string url)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["method"] = method, ["url"] = url }, TestSupport.TestJsonContext.Default.DictionaryStringString);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
