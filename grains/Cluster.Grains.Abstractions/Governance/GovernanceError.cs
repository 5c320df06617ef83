namespace Cluster.Grains.Governance;

/// <summary>Why a governance change was refused; the values are the gRPC status codes they map to.</summary>
public enum GovernanceError
{
    InvalidArgument = 3,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    FailedPrecondition = 9,
    Unavailable = 14,
    DataLoss = 15,
}
