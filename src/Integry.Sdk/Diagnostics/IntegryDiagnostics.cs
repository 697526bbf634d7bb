namespace Integry.Sdk;

/// <summary>
/// The names the SDK's traces and metrics are published under, for OpenTelemetry set-up:
/// <c>.AddSource(IntegryDiagnostics.ActivitySourceName)</c> and <c>.AddMeter(IntegryDiagnostics.MeterName)</c>.
/// </summary>
public static class IntegryDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: a span per call and per attempt.</summary>
    public const string ActivitySourceName = "Integry.Sdk";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: call, attempt, retry, body size and refresh instruments.</summary>
    public const string MeterName = "Integry.Sdk";
}
