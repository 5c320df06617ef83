namespace Cluster.Gateway.Serving;

/// <summary>
/// The class of a refused or failed call, independent of the protocol that carries it. The values
/// are the gRPC status codes they map to; REST maps each to an HTTP status (<c>RestErrors</c>).
/// </summary>
public enum ServingCode
{
    Cancelled = 1,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}
