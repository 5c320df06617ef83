using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using static Cluster.Grains.Tests.Fixtures.Tensors;

namespace Cluster.Grains.Tests.Inference;

public sealed class RequestValidatorInputNameTests
{
    [Fact]
    public void ValidateAcceptsARequestThatMatchesTheContract()
    {
        RequestValidator.Validate(Contracts.IdentityFp32, Request("identity-fp32", Fp32("INPUT0", [3, 4])));
        RequestValidator.Validate(Contracts.Simple, Request("simple", ["OUTPUT1"], Int32("INPUT0", [8, 16]), Int32("INPUT1", [8, 16])));
        RequestValidator.Validate(Contracts.IdentityBytes, Request("identity-bytes", Strings("INPUT0", [1, 4], "a", "", "héllo", "日本")));
    }

    [Fact]
    public void ValidateAcceptsInputsInAnyOrder() =>
        RequestValidator.Validate(Contracts.Simple, Request("simple", Int32("INPUT1", [2, 16]), Int32("INPUT0", [2, 16])));

    [Fact]
    public void ValidateRefusesAnInputGivenTwice() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT0", [1, 4]), Fp32("INPUT0", [1, 4])),
            "input 'INPUT0' is given more than once.");

    [Fact]
    public void ValidateRefusesAnUnexpectedInputAndListsTheExpectedOnes() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("INPUT9", [1, 4])),
            "unexpected input 'INPUT9' for model 'identity-fp32'; expected inputs: INPUT0 (FP32 [-1,4]).");

    [Fact]
    public void ValidateMatchesInputNamesCaseSensitively() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32", Fp32("input0", [1, 4])),
            "unexpected input 'input0' for model 'identity-fp32'; expected inputs: INPUT0 (FP32 [-1,4]).");

    [Fact]
    public void ValidateRefusesAMissingInputAndNamesItsContract() =>
        Invalid.Refused(
            Contracts.Simple,
            Request("simple", Int32("INPUT0", [2, 16])),
            "missing input 'INPUT1' (INT32 [-1,16]) for model 'simple'.");

    [Fact]
    public void ValidateRefusesARequestWithNoInputs() =>
        Invalid.Refused(
            Contracts.IdentityFp32,
            Request("identity-fp32"),
            "missing input 'INPUT0' (FP32 [-1,4]) for model 'identity-fp32'.");
}
