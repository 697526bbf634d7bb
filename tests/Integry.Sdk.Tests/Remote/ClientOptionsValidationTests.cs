using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Invalid options fail the constructor with an <see cref="ArgumentException"/> naming each field.</summary>
public class ClientOptionsValidationTests
{
    private static IntegryClientOptions Valid() => new()
    {
        AppKey = IntegryApi.AppKey,
        AppSecret = IntegryApi.AppSecret,
        UserId = IntegryApi.UserId,
    };

    private static void AssertRefused(IntegryClientOptions options, string field, string why)
    {
        Assert.That(
            () => new IntegryClient(options),
            Throws.ArgumentException
                .With.Property(nameof(ArgumentException.ParamName)).EqualTo("options")
                .And.Message.Contains(field)
                .And.Message.Contains(why));
    }

    [Test]
    public void A_missing_app_key_is_refused()
    {
        var options = Valid();
        options.AppKey = null;
        options.AppSecret = null;

        AssertRefused(options, "AppKey", "required");
    }

    [Test]
    public void An_app_secret_without_an_app_key_is_refused()
    {
        var options = Valid();
        options.AppKey = " ";

        AssertRefused(options, "AppKey is required when AppSecret is set", "app key");
    }

    [Test]
    public void An_app_key_without_an_app_secret_is_refused()
    {
        var options = Valid();
        options.AppSecret = null;

        AssertRefused(options, "AppSecret", "required");
    }

    [TestCase("http://example.test/")]
    [TestCase("http://10.0.0.1/")]
    [TestCase("ftp://example.test/")]
    public void A_base_address_that_is_not_https_or_loopback_http_is_refused(string address)
    {
        var options = Valid();
        options.BaseAddress = new Uri(address);

        AssertRefused(options, "BaseAddress", "https");
    }

    [Test]
    public void A_relative_base_address_is_refused()
    {
        var options = Valid();
        options.BaseAddress = new Uri("/integry/", UriKind.Relative);

        AssertRefused(options, "BaseAddress", "absolute");
    }

    [Test]
    public void A_base_address_with_a_query_is_refused()
    {
        var options = Valid();
        options.BaseAddress = new Uri("https://example.test/?x=1");

        AssertRefused(options, "BaseAddress", "query");
    }

    [TestCase(-1)]
    [TestCase(0)]
    public void A_timeout_that_is_not_positive_is_refused(int seconds)
    {
        var options = Valid();
        options.Timeout = TimeSpan.FromSeconds(seconds);

        AssertRefused(options, "Timeout", "positive");
    }

    [Test]
    public void An_empty_user_id_is_refused_with_a_hint_to_use_for_user()
    {
        var options = Valid();
        options.UserId = " ";

        AssertRefused(options, "UserId", "ForUser");
    }

    [Test]
    public void Every_problem_is_named_in_one_message()
    {
        var options = new IntegryClientOptions { AppSecret = "x", BaseAddress = new Uri("http://example.test/"), Timeout = TimeSpan.FromSeconds(-1) };

        Assert.That(
            () => new IntegryClient(options),
            Throws.ArgumentException.With.Message.Contains("AppKey").And.Message.Contains("BaseAddress").And.Message.Contains("Timeout"));
    }

    [TestCase("http://127.0.0.1:5080/")]
    [TestCase("http://localhost:5080/")]
    [TestCase("http://[::1]:5080/")]
    public void Http_on_a_loopback_address_is_accepted(string address)
    {
        var options = Valid();
        options.BaseAddress = new Uri(address);

        Assert.That(() => new IntegryClient(options), Throws.Nothing);
    }

    [Test]
    public void An_infinite_timeout_is_accepted()
    {
        var options = Valid();
        options.Timeout = Timeout.InfiniteTimeSpan;

        Assert.That(() => new IntegryClient(options), Throws.Nothing);
    }

    [Test]
    public void Null_options_are_refused()
    {
        Assert.That(() => new IntegryClient(null!), Throws.ArgumentNullException);
    }
}
