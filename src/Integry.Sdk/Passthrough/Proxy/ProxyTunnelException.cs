namespace Integry.Sdk.Passthrough;

/// <summary>
/// The egress proxy would not open a tunnel, and asking again would not change that (a 407, a 403, a malformed answer):
/// nothing was sent to the app. It derives from <see cref="OnwardGuardException"/> so the sender does not retry it and the
/// caller gets a non-transient <see cref="IntegryErrorKind.Transport"/> fault, as for the guard's own refusals.
/// </summary>
internal sealed class ProxyTunnelException(string message) : OnwardGuardException(message);
