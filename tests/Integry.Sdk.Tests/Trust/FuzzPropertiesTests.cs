using FsCheck;
using FsCheck.Fluent;
using Integry.Sdk.Fuzz;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Integry.Sdk.Tests.Trust;

/// <summary>
/// The fuzz targets as FsCheck properties in the normal test run (a few thousand cases in all); tests/Integry.Sdk.Fuzz
/// runs the same targets a million times each. A target throws <see cref="PropertyViolation"/> when its property fails
/// and lets an unexpected exception escape, either of which fails the property.
/// </summary>
[NonParallelizable]
public class FuzzPropertiesTests
{
    [Property(MaxTest = 1000)]
    public Property A_rejected_passthrough_sends_nothing_and_the_credential_goes_only_to_the_apps_origins() =>
        Prop.ForAll(Arb.From(Inputs.PassthroughArguments), CoreTargets.PassthroughArguments);

    [Property(MaxTest = 1000)]
    public Property An_accepted_url_is_an_origin_of_the_app_and_redaction_is_idempotent() =>
        Prop.ForAll(Arb.From(Inputs.Url), CoreTargets.Url);

    [Property(MaxTest = 500)]
    public Property A_host_entry_is_accepted_or_refused_with_an_argument_exception() =>
        Prop.ForAll(Arb.From(Inputs.HostPattern), CoreTargets.HostPattern);

    [Property(MaxTest = 500)]
    public Property Retry_after_and_rate_limit_headers_never_throw_or_wait_negatively() =>
        Prop.ForAll(Arb.From(Inputs.RateLimitHeaders), CoreTargets.RateLimitHeaders);

    [Property(MaxTest = 500)]
    public Property Result_parse_of_any_text_is_a_result_or_a_json_exception() =>
        Prop.ForAll(Arb.From(Inputs.ResultJson), CoreTargets.ResultParse);

    [Property(MaxTest = 500)]
    public Property Result_parse_of_to_json_equals_the_result() =>
        Prop.ForAll(Arb.From(Inputs.Results), CoreTargets.ResultRoundTrip);
}
