using System.Text.Json;

namespace Integry.Sdk.Tests.Serialization;

/// <summary><see cref="Result"/>'s two cases: Match, Switch, TryGet and pattern matching.</summary>
public class ResultCasesTests
{
    private static readonly Result Executed = Result.Parse("""{"network_code":"200","output":{"ok":true}}""");
    private static readonly Result Rejected = new Result.Rejected("Function not found", ["There is no function named 'x'."]);

    [Test]
    public void Match_calls_only_the_function_of_the_case()
    {
        Assert.That(Executed.Match(executed => "ran " + executed.NetworkCode, rejected => "refused " + rejected.Error), Is.EqualTo("ran 200"));
        Assert.That(Rejected.Match(executed => "ran " + executed.NetworkCode, rejected => "refused " + rejected.Error), Is.EqualTo("refused Function not found"));
    }

    [Test]
    public void Switch_calls_only_the_action_of_the_case()
    {
        var calls = new List<string>();

        Executed.Switch(_ => calls.Add("executed"), _ => calls.Add("rejected"));
        Rejected.Switch(_ => calls.Add("executed"), _ => calls.Add("rejected"));

        Assert.That(calls, Is.EqualTo(new[] { "executed", "rejected" }));
    }

    [Test]
    public void Match_and_switch_refuse_null_functions()
    {
        Assert.That(() => Executed.Match<int>(null!, _ => 0), Throws.ArgumentNullException);
        Assert.That(() => Executed.Switch(_ => { }, null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Try_get_executed_succeeds_only_on_the_executed_case()
    {
        Assert.That(Executed.TryGetExecuted(out var executed), Is.True);
        Assert.That(executed!.NetworkCode, Is.EqualTo(200));
        Assert.That(Rejected.TryGetExecuted(out var none), Is.False);
        Assert.That(none, Is.Null);
    }

    [Test]
    public void Try_get_rejected_succeeds_only_on_the_rejected_case()
    {
        Assert.That(Rejected.TryGetRejected(out var rejected), Is.True);
        Assert.That(rejected!.Error, Is.EqualTo("Function not found"));
        Assert.That(Executed.TryGetRejected(out var none), Is.False);
        Assert.That(none, Is.Null);
    }

    [TestCase("""{"network_code":"200","output":{}}""", "ok")]
    [TestCase("""{"network_code":"404","output":""}""", "app error 404")]
    [TestCase("""{"error":"Could not call the function","error_details":["x"]}""", "not run: Could not call the function")]
    public void Pattern_matching_on_the_cases_and_their_properties_works(string json, string expected)
    {
        var description = Result.Parse(json) switch
        {
            Result.Executed { NetworkCode: 200 } => "ok",
            Result.Executed { NetworkCode: var code } => "app error " + code,
            Result.Rejected { Error: var error } => "not run: " + error,
            _ => "unreachable",
        };

        Assert.That(description, Is.EqualTo(expected));
    }

    [Test]
    public void A_switch_statement_with_case_executed_network_code_200_binds_the_case()
    {
        string? seen = null;
        switch (Executed)
        {
            case Result.Executed { NetworkCode: 200 } ok:
                seen = ok.Output.GetProperty("ok").GetRawText();
                break;
        }

        Assert.That(seen, Is.EqualTo("true"));
    }

    [Test]
    public void Is_executed_tells_the_cases_apart()
    {
        Assert.That(Executed.IsExecuted, Is.True);
        Assert.That(Rejected.IsExecuted, Is.False);
    }

    [Test]
    public void Executed_results_can_be_built_by_users_tests()
    {
        using var output = JsonDocument.Parse("""{"id":1}""");

        var executed = new Result.Executed(201, output.RootElement) { Cursor = "c" };

        Assert.That(executed.ToJson(), Is.EqualTo("""{"network_code":"201","output":{"id":1},"_cursor":"c"}"""));
    }
}
