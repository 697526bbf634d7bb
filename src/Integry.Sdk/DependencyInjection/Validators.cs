using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integry.Sdk.DependencyInjection;

/// <summary>Marks that <c>AddLocalPassthrough()</c> was called for one registration, so its client routes passthroughs locally.</summary>
/// <param name="OptionsName">The options name of that registration (empty for the default one).</param>
internal sealed record LocalPassthroughMarker(string OptionsName);

/// <summary>Checks <see cref="IntegryClientOptions"/> at start-up, one clear message per field, without reflection.</summary>
internal sealed class IntegryClientOptionsValidator(IEnumerable<LocalPassthroughMarker> markers) : IValidateOptions<IntegryClientOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegryClientOptions options)
    {
        var optionsName = name ?? Options.DefaultName;
        var local = options.PassthroughExecutor is not null || markers.Any(marker => marker.OptionsName == optionsName);
        var failures = options.Validate(localExecutorConfigured: local);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks <see cref="PassthroughOptions"/> at start-up, and that a credential provider is registered.</summary>
internal sealed class PassthroughOptionsValidator(IServiceProviderIsService services) : IValidateOptions<PassthroughOptions>
{
    public const string MissingProvider = "No ICredentialProvider is registered: call AddIntegry(…).AddLocalPassthrough().AddCredentialProvider<TProvider>() (or pass an InMemoryCredentialProvider).";

    public ValidateOptionsResult Validate(string? name, PassthroughOptions options)
    {
        var failures = options.Validate();
        var registration = string.IsNullOrEmpty(name) ? IntegryRegistration.Default : IntegryRegistration.Keyed(name);
        if (!registration.IsRegistered<ICredentialProvider>(services) && !services.IsService(typeof(ICredentialProvider)))
        {
            failures.Add(MissingProvider);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
