using System.Text.Json.Nodes;

namespace Integry.Sdk.Tests.ResultContract;

/// <summary>Text a caller gave is quoted in messages at a bounded length, cut before an ellipsis and never inside a surrogate pair.</summary>
public class QuotedTextInMessagesIsBoundedTests
{
    [TestCase("short", 10, "short")]
    [TestCase("exactly10!", 10, "exactly10!")]
    [TestCase("eleven char", 10, "eleven cha…")]
    [TestCase("ab\U0001F600cd", 3, "ab…")]
    [TestCase("ab\U0001F600cd", 4, "ab\U0001F600…")]
    public void An_excerpt_is_the_text_or_its_start_and_an_ellipsis(string text, int maxLength, string expected) =>
        Assert.That(Excerpt.Of(text, maxLength), Is.EqualTo(expected));

    [Test]
    public async Task An_unknown_function_with_a_very_long_name_is_named_in_part()
    {
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(new InMemoryCredentialProvider()) });
        var name = new string('a', 100_000) + "-passthrough-request";

        var result = await client.InvokeFunctionAsync(name, new JsonObject());

        var detail = ((Result.Rejected)result).ErrorDetails.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.FunctionNotFound));
            Assert.That(detail, Is.EqualTo($"There is no function named '{new string('a', 200)}…'."));
        }
    }
}
