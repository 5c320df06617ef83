namespace Cluster.Gateway.Serving;

/// <summary>The canonical upper-case name of each <see cref="ServingCode"/> (gRPC's spelling), for metric labels and stream error texts.</summary>
public static class ServingCodeNames
{
    public const string Ok = "OK";

    public static string Of(ServingCode code) => code switch
    {
        ServingCode.Cancelled => "CANCELLED",
        ServingCode.InvalidArgument => "INVALID_ARGUMENT",
        ServingCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        ServingCode.NotFound => "NOT_FOUND",
        ServingCode.AlreadyExists => "ALREADY_EXISTS",
        ServingCode.PermissionDenied => "PERMISSION_DENIED",
        ServingCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        ServingCode.FailedPrecondition => "FAILED_PRECONDITION",
        ServingCode.Aborted => "ABORTED",
        ServingCode.OutOfRange => "OUT_OF_RANGE",
        ServingCode.Unimplemented => "UNIMPLEMENTED",
        ServingCode.Unavailable => "UNAVAILABLE",
        ServingCode.DataLoss => "DATA_LOSS",
        ServingCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "INTERNAL",
    };
}
