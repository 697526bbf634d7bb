using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Trust;

/// <summary>
/// Issue 12, class 7: input that could be read two ways is refused with a per-parameter message, on the local executor
/// and on the remote path's client-side check, and nothing is sent.
/// </summary>
public class AmbiguousInputIsRejectedTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("slack-passthrough-request", """{"method":" GET ","url":"https://slack.com/api/a"}""", "method", "Must not have white space around it").SetName("method with spaces around it");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"GET\t","url":"https://slack.com/api/a"}""", "method", "Must not have white space around it").SetName("method with a trailing tab");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"GET","url":" https://slack.com/api/a"}""", "url", "Must not have white space around it").SetName("url with a leading space");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"GET","url":"https://evil.example/","url":"https://slack.com/api/b"}""", "url", "Is given more than once").SetName("two url keys, evil first");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"DELETE","method":"GET","url":"https://slack.com/api/b"}""", "method", "Is given more than once").SetName("two method keys");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"POST","url":"https://slack.com/api/b","body":{"a":1,"a":2}}""", "body", "Has the key 'a' more than once").SetName("duplicate key in the body");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"POST","url":"https://slack.com/api/b","body":{"x":[{"k":1},{"k":1,"k":2}]}}""", "body", "Has the key 'k' more than once").SetName("duplicate key deep in the body");
        yield return new TestCaseData("slack-passthrough-request", """{"method":"POST","url":"https://slack.com/api/b","body":{"a":1},"body":{"a":2}}""", "body", "Is given more than once").SetName("two bodies");
        yield return new TestCaseData("SLACK-PASSTHROUGH-REQUEST", """{"method":"GET","url":"https://slack.com/api/a"}""", "functionName", "in lower case").SetName("upper-case function name");
        yield return new TestCaseData("Slack-passthrough-request", """{"method":"GET","url":"https://slack.com/api/a"}""", "functionName", "in lower case").SetName("capitalised function name");
        yield return new TestCaseData("slack-Passthrough-Request", """{"method":"GET","url":"https://slack.com/api/a"}""", "functionName", "in lower case").SetName("mixed-case suffix");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Locally_it_is_rejected_and_nothing_is_sent(string functionName, string arguments, string field, string expected)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-strict-123456"));

        var result = await host.Client.InvokeFunctionAsync(functionName, PassthroughJson.Parse(arguments));

        var rejected = result as Result.Rejected;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected, Is.Not.Null, result.ToString());
            Assert.That(rejected!.Error, Is.EqualTo(Rejections.InvalidInput));
            Assert.That(rejected.FieldErrors?.GetValueOrDefault(field), Does.Contain(expected));
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing is sent");
            Assert.That(host.CallLog.GetRecords(), Is.Empty);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Directly_on_the_executor_it_is_rejected_too(string functionName, string arguments, string field, string expected)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-strict-123456"));

        var result = await host.Executor.InvokeAsync(new FunctionInvocation(PassthroughTestHost.UserId, functionName, PassthroughJson.Parse(arguments), null, null, null), CancellationToken.None);

        Assert.That(((Result.Rejected)result).FieldErrors?.GetValueOrDefault(field), Does.Contain(expected));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [TestCase("SLACK-PASSTHROUGH-REQUEST", """{"method":"GET","url":"https://slack.com/api/a"}""", "functionName")]
    [TestCase("slack-post-message", """{"channel":"C1","channel":"C2"}""", "channel")]
    [TestCase("slack-post-message", """{"channel":"C1","blocks":[{"type":"a","type":"b"}]}""", "blocks")]
    public async Task On_the_remote_path_the_client_rejects_it_before_sending(string functionName, string arguments, string field)
    {
        using var api = new IntegryApi();
        var client = api.CreateClient();

        var result = await client.InvokeFunctionAsync(functionName, PassthroughJson.Parse(arguments));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)result).FieldErrors, Does.ContainKey(field));
            Assert.That(api.UnexpectedRequests, Is.Zero, "nothing reaches Integry");
        }
    }

    [TestCase("""{"method":"get","url":"https://slack.com/api/a"}""")]
    [TestCase("""{"method":"GET","url":"https://slack.com/api/a","body":{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}}""")]
    public async Task Unambiguous_input_still_runs(string arguments)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-strict-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond("application/json", "{}");

        var result = await host.Client.InvokeFunctionAsync("slack-passthrough-request", PassthroughJson.Parse(arguments));

        Assert.That(result, Is.TypeOf<Result.Executed>());
        host.Mock.VerifyNoOutstandingExpectation();
    }
}
