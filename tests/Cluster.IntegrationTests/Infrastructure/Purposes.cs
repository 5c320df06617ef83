namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>HL7 v3 PurposeOfUse codes used by the tests.</summary>
public static class Purposes
{
    public const string Treat = "TREAT";
    public const string Research = "HRESCH";
    public const string Operations = "HOPERAT";
    public const string PublicHealth = "PUBHLTH";
}
