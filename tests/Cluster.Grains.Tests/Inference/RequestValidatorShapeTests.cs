using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Inference;

public sealed class RequestValidatorShapeTests
{
    [Fact]
    public void ValidateRefusesAWrongRankAndNamesTheExpectedShape() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [2, 4, 1])),
            "input 'INPUT0' has shape [2,4,1] of rank 3; expected rank 2 [-1,4].");

    [Fact]
    public void ValidateRefusesAShapeWithoutTheBatchDimension() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [4])),
            "input 'INPUT0' has shape [4] of rank 1; expected rank 2 [-1,4].");

    [Fact]
    public void ValidateRefusesANegativeDimension() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [-2, 4], count: 4)),
            "input 'INPUT0' has negative dimension -2 at index 0 of shape [-2,4].");

    [Fact]
    public void ValidateRefusesMinusOneInARequestShape() =>
        Invalid.Refused(
            Contracts.FreeShape,
            Request("free-shape", Fp32("x", [3, -1], count: 3)),
            "input 'x' has negative dimension -1 at index 1 of shape [3,-1].");

    [Fact]
    public void ValidateRefusesAFixedDimensionOfTheWrongSize() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [2, 5])),
            "input 'INPUT0' has shape [2,5]; dimension 1 must be 4 (expected [-1,4]).");

    [Fact]
    public void ValidateRefusesBatchSizeZero() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [0, 4])),
            "input 'INPUT0' has batch size 0; it must be at least 1.");

    [Fact]
    public void ValidateRefusesABatchOverMaxBatchSize() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [9, 4])),
            "input 'INPUT0' has batch size 9, over model 'identity-fp32' max_batch_size 8.");

    [Fact]
    public void ValidateAcceptsABatchOfExactlyMaxBatchSize() =>
        RequestValidator.Validate(Contracts.IdentityFp32, Request("identity-fp32", Fp32("INPUT0", [8, 4])));

    [Fact]
    public void ValidateRefusesInputsWhoseBatchSizesDiffer() =>
        Invalid.Refused(
            Contracts.Simple,
            Request("simple", Int32("INPUT0", [2, 16]), Int32("INPUT1", [3, 16])),
            "input 'INPUT1' has batch size 3 but an earlier input has 2; all inputs must share the batch dimension.");

    [Fact]
    public void ValidateAllowsAnyFirstDimensionWhenTheModelDoesNotBatch() =>
        RequestValidator.Validate(Contracts.FreeShape, Request("free-shape", Fp32("x", [100, 3])));

    [Fact]
    public void ValidateAllowsAnEmptyNonBatchDimension() =>
        RequestValidator.Validate(Contracts.FreeShape, Request("free-shape", Fp32("x", [5, 0])));

    [Fact]
    public void ValidateRefusesAShapeOverTheTensorByteLimit() =>
        Invalid.Refused(
            Contracts.FreeShape,
            Request("free-shape", Fp32("x", [65536, 65536], count: 1)),
            "input 'x' shape [65536,65536] is too large; a tensor may hold at most 2147483647 bytes.");

    [Fact]
    public void ValidateRefusesAShapeWhoseElementCountOverflowsInt64() =>
        Invalid.Refused(
            Contracts.FreeShape,
            Request("free-shape", Fp32("x", [long.MaxValue, long.MaxValue], count: 1)),
            $"input 'x' shape [{long.MaxValue},{long.MaxValue}] is too large; a tensor may hold at most 2147483647 bytes.");

    [Fact]
    public void ValidateRefusesABytesShapeOverTheElementLimit() =>
        Invalid.Refused(
            Contracts.IdentityBytes with { MaxBatchSize = 0 },
            Request("identity-bytes", Strings("INPUT0", [1L << 28, 4], "a")),
            $"input 'INPUT0' shape [{1L << 28},4] is too large; a tensor may hold at most 2147483647 bytes.");
}
