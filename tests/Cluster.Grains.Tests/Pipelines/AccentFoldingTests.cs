using Cluster.Grains.Pipelines;

namespace Cluster.Grains.Tests.Pipelines;

public sealed class AccentFoldingTests
{
    [Theory]
    [InlineData("plain ascii text.", "plain ascii text.")]
    [InlineData("Ménière", "Meniere")]
    [InlineData("ÀÉÎÕÜ àéîõü Çç Ññ Ÿÿ", "AEIOU aeiou Cc Nn Yy")]
    [InlineData("Łódź", "Łodz")]
    [InlineData("Ạ ẹ ỹ", "A e y")]
    [InlineData("Æ ß Ø ð", "Æ ß Ø ð")]
    [InlineData("e\u0301\u0308", "e")]
    [InlineData("α-βλοκέρ", "α-βλοκέρ")]
    public void FoldsLatinAccentsAndDropsNonspacingMarks(string text, string folded) => Assert.Equal(folded, AccentFolding.Fold(text));

    [Fact]
    public void ReturnsTheSameStringWhenThereIsNothingToFold()
    {
        var text = "Blood pressure 120/80 mmHg.";

        Assert.Same(text, AccentFolding.Fold(text));
    }
}
