using System.Text.Json;

namespace Integry.Sdk.Tests.ResultContract;

/// <summary>
/// Every rejection carries a machine-readable reason: the factories set it, Integry's texts give it back, and it
/// survives <c>Parse(ToJson())</c> without being part of the wire JSON or of equality.
/// </summary>
public class RejectionReasonTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    private static IEnumerable<TestCaseData> Factories()
    {
        yield return new TestCaseData(Result.Rejected.NotConnected("slack", "Slack"), RejectionReason.NotConnected, InvalidInput,
            "User has not connected their Slack account. To connect an account, please call following SDK method: `connectApp('slack')`").SetName("NotConnected");
        yield return new TestCaseData(Result.Rejected.ReconnectRequired("slack", "Slack"), RejectionReason.ReconnectRequired, InvalidInput,
            "The user's Slack authorization has expired and could not be refreshed. Ask the user to reconnect their account: `connectApp('slack')`").SetName("ReconnectRequired");
        yield return new TestCaseData(Result.Rejected.AccountNotFound("slack", "Slack", "acct-9"), RejectionReason.AccountNotFound, InvalidInput,
            "User has no connected Slack account with id 'acct-9'. To connect an account, please call following SDK method: `connectApp('slack')`").SetName("AccountNotFound");
        yield return new TestCaseData(Result.Rejected.CredentialKindNotAccepted("Slack", "API key"), RejectionReason.CredentialKindNotAccepted, InvalidInput,
            "Slack does not accept API key credentials; store the kind of credential its API takes.").SetName("CredentialKindNotAccepted");
        yield return new TestCaseData(Result.Rejected.FunctionNotFound("nope"), RejectionReason.FunctionNotFound, "Function not found",
            "There is no function named 'nope'.").SetName("FunctionNotFound");
        yield return new TestCaseData(Result.Rejected.InvalidArguments(new Dictionary<string, string> { ["url"] = "This parameter is required and must not be null or empty" }),
            RejectionReason.InvalidArguments, InvalidInput, "url: This parameter is required and must not be null or empty").SetName("InvalidArguments");
        yield return new TestCaseData(Result.Rejected.DeniedByPolicy("DELETE is not allowed."), RejectionReason.DeniedByPolicy,
            "Could not call the function: the client's policy does not allow it.", "DELETE is not allowed.").SetName("DeniedByPolicy");
        yield return new TestCaseData(Result.Rejected.NoExecutor("slack-post-message"), RejectionReason.NoExecutor, "Could not call the function: no executor can run it.",
            "'slack-post-message' needs Integry's API, but the client has no AppKey and AppSecret. Set them, or call only passthrough functions of apps in the local catalog.").SetName("NoExecutor");
    }

    [TestCaseSource(nameof(Factories))]
    public void Each_factory_gives_its_reason_and_the_executors_texts(Result.Rejected rejected, RejectionReason reason, string error, string firstDetail)
    {
        Assert.That(rejected.Reason, Is.EqualTo(reason));
        Assert.That(rejected.Error, Is.EqualTo(error));
        Assert.That(rejected.ErrorDetails[0], Is.EqualTo(firstDetail));
    }

    [TestCaseSource(nameof(Factories))]
    public void Parse_of_to_json_is_equal_and_keeps_the_reason(Result.Rejected rejected, RejectionReason reason, string error, string firstDetail)
    {
        var json = rejected.ToJson();
        var back = Result.Parse(json);

        Assert.That(back, Is.EqualTo(rejected));
        Assert.That(((Result.Rejected)back).Reason, Is.EqualTo(reason));
        Assert.That(json, Does.Not.Contain("reason").IgnoreCase.And.Not.Contain(reason.ToString()));
    }

    [TestCase("""{"error":"x","error_details":["User has not connected their Pipedrive account. To connect an account, please call following SDK method: `connectApp('pipedrive')`"]}""", RejectionReason.NotConnected)]
    [TestCase("""{"error":"x","error_details":["Your Slack connection has expired."]}""", RejectionReason.ReconnectRequired)]
    [TestCase("""{"error":"x","error_details":["Please reconnect the account."]}""", RejectionReason.ReconnectRequired)]
    [TestCase("""{"error":"x","error_details":{"channel":"This parameter is required and must not be null or empty"}}""", RejectionReason.InvalidArguments)]
    [TestCase("""{"error":"Function not found","error_details":[]}""", RejectionReason.FunctionNotFound)]
    [TestCase("""{"error":"x","error_details":["Function not found"]}""", RejectionReason.FunctionNotFound)]
    [TestCase("""{"error":"x","error_details":["User has no connected Slack account with id '42'."]}""", RejectionReason.AccountNotFound)]
    [TestCase("""{"error":"x","error_details":["Something else went wrong."]}""", RejectionReason.Other)]
    [TestCase("""{"error":"x"}""", RejectionReason.Other)]
    public void Integrys_texts_give_the_reason(string json, RejectionReason expected)
    {
        var rejected = (Result.Rejected)Result.Parse(json);

        Assert.That(rejected.Reason, Is.EqualTo(expected));
    }

    [Test]
    public void The_spec_examples_of_not_connected_read_as_not_connected()
    {
        foreach (var file in new[] { "slack-not-connected.json", "pipedrive-not-connected.json" })
        {
            var rejected = (Result.Rejected)Result.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "SpecExamples", file)));
            Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.NotConnected), file);
        }
    }

    [Test]
    public void The_reason_is_not_part_of_equality()
    {
        var inferred = new Result.Rejected("e", ["d"]);
        var set = new Result.Rejected("e", ["d"]) { Reason = RejectionReason.DeniedByPolicy };

        Assert.That(inferred.Reason, Is.EqualTo(RejectionReason.Other));
        Assert.That(set, Is.EqualTo(inferred));
    }

    [Test]
    public void The_reason_follows_the_texts_when_they_are_changed_in_an_initialiser()
    {
        var rejected = new Result.Rejected("e", ["d"]) { Error = "Function not found" };

        Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.FunctionNotFound));
    }

    [Test]
    public void The_factories_refuse_empty_names()
    {
        Assert.Throws<ArgumentException>(() => Result.Rejected.NotConnected(" ", "Slack"));
        Assert.Throws<ArgumentNullException>(() => Result.Rejected.FunctionNotFound(null!));
        Assert.Throws<ArgumentNullException>(() => Result.Rejected.InvalidArguments(null!));
    }

    [Test]
    public void To_string_names_the_reason()
    {
        Assert.That(Result.Rejected.NotConnected("slack", "Slack").ToString(), Does.StartWith("Rejected { Reason = NotConnected, Error = Could not call"));
    }

    [Test]
    public void A_rejection_read_with_a_json_document_keeps_its_reason()
    {
        using var document = JsonDocument.Parse(Result.Rejected.AccountNotFound("slack", "Slack", "a").ToJson());

        Assert.That(((Result.Rejected)Result.Parse(document.RootElement.GetRawText())).Reason, Is.EqualTo(RejectionReason.AccountNotFound));
    }
}
