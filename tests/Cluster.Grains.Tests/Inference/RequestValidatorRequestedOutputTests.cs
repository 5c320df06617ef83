using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Inference;

public sealed class RequestValidatorRequestedOutputTests
{
    [Fact]
    public void ValidateAcceptsASubsetOfOutputs() =>
        RequestValidator.Validate(Contracts.Simple, Request("simple", ["OUTPUT1"], Int32("INPUT0", [1, 16]), Int32("INPUT1", [1, 16])));

    [Fact]
    public void ValidateRefusesAnUnknownRequestedOutputAndListsTheOutputs() =>
        Invalid.Refused(
            Contracts.Simple,
            Request("simple", ["OUTPUT0", "OUTPUT9"], Int32("INPUT0", [1, 16]), Int32("INPUT1", [1, 16])),
            "unknown requested output 'OUTPUT9' for model 'simple'; outputs: OUTPUT0 (INT32 [-1,16]), OUTPUT1 (INT32 [-1,16]).");

    [Fact]
    public void ValidateRefusesAnOutputRequestedTwice() =>
        Invalid.Refused(
            Contracts.Simple,
            Request("simple", ["OUTPUT1", "OUTPUT1"], Int32("INPUT0", [1, 16]), Int32("INPUT1", [1, 16])),
            "output 'OUTPUT1' is requested more than once.");

    [Fact]
    public void ValidateClipsALongUnknownOutputName()
    {
        var name = new string('o', 100);
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", [name], Fp32("INPUT0", [1, 4])),
            $"unknown requested output '{new string('o', 64)}...' for model 'identity-fp32'; outputs: OUTPUT0 (FP32 [-1,4]).");
    }
}
