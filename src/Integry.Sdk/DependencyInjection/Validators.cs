using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integry.Sdk.DependencyInjection;

/// <summary>Marks that <c>AddLocalPassthrough()</c> was called, so the client routes passthroughs locally.</summary>
internal sealed class LocalPassthroughMarker;

/// <summary>Checks <see cref="IntegryClientOptions"/> at start-up, one clear message per field, without reflection.</summary>
internal sealed class IntegryClientOptionsValidator(IServiceProviderIsService services) : IValidateOptions<IntegryClientOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegryClientOptions options)
    {
        var failures = options.Validate(localExecutorConfigured: services.IsService(typeof(LocalPassthroughMarker)));
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
        if (!services.IsService(typeof(ICredentialProvider)))
        {
            failures.Add(MissingProvider);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
