namespace Cluster.Client.Tensors;

/// <summary>Request parameters the cluster reads.</summary>
public static class InferParameterNames
{
    /// <summary>The HL7 v3 PurposeOfUse code of an inference request (TREAT, HOPERAT, HRESCH, PUBHLTH, ...).</summary>
    public const string PurposeOfUse = "purpose_of_use";
}
