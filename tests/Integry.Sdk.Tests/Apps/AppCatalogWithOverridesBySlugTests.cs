namespace Integry.Sdk.Tests.Apps;

public class AppCatalogWithOverridesBySlugTests
{
    private static readonly AppDefinition SlackOverride = new()
    {
        Slug = "slack",
        DisplayName = "Slack (Enterprise Grid)",
        Hosts = ["slack.com", "*.enterprise.slack.com"],
        BaseUrl = "https://slack.com/api/",
    };

    [Test]
    public void With_replaces_an_app_of_the_same_slug_and_leaves_the_original_catalog_unchanged()
    {
        var original = AppCatalog.BuiltIn;

        var changed = original.With([SlackOverride]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed.TryGetApp("slack", out var slack), Is.True);
            Assert.That(slack?.DisplayName, Is.EqualTo("Slack (Enterprise Grid)"));
            Assert.That(changed.Count, Is.EqualTo(original.Count));
            Assert.That(original.TryGetApp("slack", out var before), Is.True);
            Assert.That(before?.DisplayName, Is.EqualTo("Slack"));
        }
    }

    [Test]
    public void With_adds_an_app_with_a_new_slug()
    {
        var extra = new AppDefinition { Slug = "acme", DisplayName = "Acme", Hosts = ["api.acme.example"] };

        var changed = AppCatalog.BuiltIn.With([extra]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(changed.Count, Is.EqualTo(AppCatalog.BuiltIn.Count + 1));
            Assert.That(changed.TryGetApp("acme", out _), Is.True);
            Assert.That(AppCatalog.BuiltIn.TryGetApp("acme", out _), Is.False);
        }
    }

    [Test]
    public void In_one_list_the_later_app_of_a_slug_wins()
    {
        var first = new AppDefinition { Slug = "acme", DisplayName = "First", Hosts = ["api.acme.example"] };
        var second = first with { DisplayName = "Second" };

        var catalog = new AppCatalog([first, second]);

        Assert.That(catalog.TryGetApp("acme", out var app) ? app.DisplayName : null, Is.EqualTo("Second"));
    }

    [Test]
    public void An_app_in_passthrough_options_overrides_the_built_in_one_in_the_executor()
    {
        var options = new PassthroughOptions();
        options.Apps.Add(SlackOverride);

        var executor = new PassthroughExecutor(new InMemoryCredentialProvider(), options);

        Assert.That(executor.Catalog.TryGetApp("slack", out var slack) ? slack.DisplayName : null, Is.EqualTo("Slack (Enterprise Grid)"));
    }

    [Test]
    public void Without_built_in_apps_the_executor_knows_only_the_apps_in_its_options()
    {
        var options = new PassthroughOptions { IncludeBuiltInApps = false };
        options.Apps.Add(SlackOverride);

        var executor = new PassthroughExecutor(new InMemoryCredentialProvider(), options);

        Assert.That(executor.Catalog.Apps.Select(app => app.Slug), Is.EqualTo(new[] { "slack" }));
    }

    [Test]
    public void Options_are_copied_so_later_changes_do_not_reach_the_executor()
    {
        var options = new PassthroughOptions();
        var executor = new PassthroughExecutor(new InMemoryCredentialProvider(), options);

        options.Apps.Add(new AppDefinition { Slug = "late", DisplayName = "Late", Hosts = ["api.late.example"] });

        Assert.That(executor.Catalog.TryGetApp("late", out _), Is.False);
    }
}
