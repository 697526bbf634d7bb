using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>A function name that is not one path segment is refused before anything is sent.</summary>
public class BadFunctionNameTests
{
    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\t")]
    public async Task An_empty_or_white_space_name_is_refused(string functionName)
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject()),
            Throws.InstanceOf<ArgumentException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("functionName"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_null_name_is_refused()
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync(null!, new JsonObject()),
            Throws.InstanceOf<ArgumentNullException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("functionName"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase("slack/post-message", "'/'")]
    [TestCase("../apps/list", "'/'")]
    [TestCase("slack-post-message?x=1", "'?'")]
    [TestCase("slack-post-message#x", "'#'")]
    [TestCase("slack post message", "' '")]
    [TestCase("slack-post-message\n", "\\u000a")]
    [TestCase("slack-post\u007fmessage", "\\u007f")]
    [TestCase("slack-post\u00a0message", "'\u00a0'")]
    [TestCase("sláck-post-message/x", "'/'")]
    [TestCase("slack\\post", "'\\'")]
    public async Task A_name_with_a_character_that_would_leave_the_path_segment_is_refused_naming_the_character(string functionName, string named)
    {
        using var api = new IntegryApi();

        var exception = await Assert.CatchAsync<ArgumentException>(() => api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject()));

        Assert.That(exception!.ParamName, Is.EqualTo("functionName"));
        Assert.That(exception.Message, Does.Contain("is not a function name").And.Contain(named));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase("..")]
    [TestCase(".")]
    public async Task A_dot_segment_name_is_refused(string functionName)
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(
            () => api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject()),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("is not a function name"));

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("")]
    public async Task Get_function_refuses_the_same_names(string functionName)
    {
        using var api = new IntegryApi();

        await Assert.ThatAsync(() => api.CreateClient().GetFunctionAsync(functionName), Throws.InstanceOf<ArgumentException>());

        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase(513)]
    [TestCase(100_000)]
    public async Task A_name_longer_than_any_function_is_not_found_and_nothing_is_sent(int length)
    {
        using var api = new IntegryApi();
        var functionName = "slack-" + new string('x', length - 6);

        var result = await api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject());
        var get = await Assert.CatchAsync<IntegryNotFoundException>(() => api.CreateClient().GetFunctionAsync(functionName));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.FunctionNotFound));
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Is.EqualTo($"There is no function named 'slack-{new string('x', 194)}…'."));
            Assert.That(get!.Message, Is.EqualTo($"Integry has no function 'slack-{new string('x', 194)}…': Function not found."));
            Assert.That(api.UnexpectedRequests, Is.Zero, "Integry's server would refuse the URL as too long");
        }
    }

    [Test]
    public async Task A_name_of_more_than_512_bytes_in_utf8_is_not_found_and_nothing_is_sent()
    {
        using var api = new IntegryApi();
        var functionName = new string('\u00e9', 257);

        var result = await api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject());

        Assert.That(result, Is.TypeOf<Result.Rejected>().With.Property(nameof(Result.Rejected.Reason)).EqualTo(RejectionReason.FunctionNotFound));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_name_of_512_characters_is_sent()
    {
        using var api = new IntegryApi();
        var functionName = "slack-" + new string('x', 506);
        api.ExpectPost($"functions/{functionName}/call/").Respond("application/json", """{"network_code":"200","output":{}}""");

        var result = await api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task A_long_name_with_a_bad_character_is_quoted_at_a_bounded_length()
    {
        using var api = new IntegryApi();
        var functionName = new string('a', 400) + "/b";

        var exception = await Assert.CatchAsync<ArgumentException>(() => api.CreateClient().InvokeFunctionAsync(functionName, new JsonObject()));

        Assert.That(exception!.Message, Does.Contain("…' is not a function name: it contains '/'").And.Length.LessThan(500));
    }
}
