namespace Cluster.Grains.Tenancy;

/// <summary>HL7 v3 PurposeOfUse codes (v3-PurposeOfUse value set) accepted in policies and requests.</summary>
public static class PurposeOfUse
{
    public const string Treatment = "TREAT";
    public const string HealthcareOperations = "HOPERAT";
    public const string HealthcareResearch = "HRESCH";
    public const string PublicHealth = "PUBHLTH";

    /// <summary>The request parameter that states a call's purpose.</summary>
    public const string Parameter = "purpose_of_use";

    /// <summary>The metadata header that may state it instead.</summary>
    public const string Header = "x-purpose-of-use";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "TREAT", "ETREAT", "CAREMGT", "CLINTRCH", "CLINTRL", "HOPERAT", "HMARKT", "HRESCH", "PATRQT", "PUBHLTH",
        "DISASTER", "HPAYMT", "CLMATTCH", "COVAUTH", "COVERAGE", "ELIGDTRM", "ELIGVER", "ENROLLM", "REMITADV",
        "HSYSADMIN", "MEMADMIN", "PATADMIN", "PATSFTY", "PERFMSR", "RECORDMGT", "TRAIN", "HLEGAL", "HDIRECT",
        "FAMRQT", "PWATRNY", "SUPNWK", "HQUALIMP", "BIORCH", "CLINTRCHNPC", "CLINTRCHPC", "PRECLINTRCH",
        "TRANSRCH", "HCOMPL", "HACCRED", "HOUTCOMS", "HPRGRP", "POPHLTH", "SYSDEV", "SYSDEVRCH", "THREAT",
        "BTG", "ERTREAT", "COC", "DSRCH", "LABRCH", "PUBHLTHRCH",
    };
}
