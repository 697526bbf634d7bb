namespace Integry.Sdk.Serialization;

/// <summary>The member names Integry uses on the wire.</summary>
internal static class WireNames
{
    public const string NetworkCode = "network_code";
    public const string Output = "output";
    public const string Cursor = "_cursor";
    public const string Variables = "_variables";
    public const string Error = "error";
    public const string ErrorDetails = "error_details";
    public const string Detail = "detail";
}
