namespace Integry.Sdk.Tests.Apps;

/// <summary>The app of a passthrough function is found from a slice of its name, as it was from a cut-out string.</summary>
public class AppIsFoundFromTheFunctionNameTests
{
    [TestCase("slack-passthrough-request", "slack")]
    [TestCase("Slack-PASSTHROUGH-Request", "Slack")]
    [TestCase("x-passthrough-request", "x")]
    [TestCase("google-sheets-passthrough-request", "google-sheets")]
    public void A_passthrough_name_gives_its_app_as_a_slice_and_as_a_string(string name, string app)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PassthroughFunctionName.IsPassthrough(name), Is.True);
            Assert.That(PassthroughFunctionName.TryGetAppSpan(name, out var slice), Is.True);
            Assert.That(slice.ToString(), Is.EqualTo(app));
            Assert.That(PassthroughFunctionName.TryGetApp(name, out var text), Is.True);
            Assert.That(text, Is.EqualTo(app));
        }
    }

    [TestCase("-passthrough-request")]
    [TestCase("passthrough-request")]
    [TestCase("slack-passthrough")]
    [TestCase("slack-passthrough-requests")]
    [TestCase("")]
    public void Any_other_name_has_no_app(string name)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PassthroughFunctionName.IsPassthrough(name), Is.False);
            Assert.That(PassthroughFunctionName.TryGetAppSpan(name, out var slice), Is.False);
            Assert.That(slice.IsEmpty, Is.True);
            Assert.That(PassthroughFunctionName.TryGetApp(name, out _), Is.False);
        }
    }

    [Test]
    public void Every_built_in_app_is_found_by_a_slice_in_any_case_as_by_its_slug()
    {
        var catalog = AppCatalog.BuiltIn;
        foreach (var app in catalog.Apps)
        {
            var name = PassthroughFunctionName.For(app.Slug.ToUpperInvariant());
            Assert.That(PassthroughFunctionName.TryGetAppSpan(name, out var slice), Is.True, name);
            Assert.That(catalog.FindEntry(slice), Is.SameAs(catalog.FindEntry(app.Slug)), name);
        }

        Assert.That(catalog.FindEntry("no-such-app".AsSpan()), Is.Null);
    }
}
