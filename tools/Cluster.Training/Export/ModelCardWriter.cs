using System.Globalization;
using System.Text;

namespace Cluster.Training;

/// <summary>Writes <c>MODEL_CARD.md</c>: intended use, data, evaluation, limitations, threshold.</summary>
public static class ModelCardWriter
{
    public const string FileName = "MODEL_CARD.md";

    public static string Render(MetricsFile metrics, string modelSha256)
    {
        static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
        static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        var threshold = metrics.Threshold.ToString("0.##", CultureInfo.InvariantCulture);

        var card = new StringBuilder();
        card.AppendLine(CultureInfo.InvariantCulture, $"# Model card: {metrics.Model}");
        card.AppendLine();
        card.AppendLine("Logistic regression that estimates the probability that a breast mass is **malignant** from 30");
        card.AppendLine("features computed from a digitized image of a fine needle aspirate (FNA) of the mass.");
        card.AppendLine();
        card.AppendLine("| | |");
        card.AppendLine("| --- | --- |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| Version | 1 (`1/model.onnx`, SHA-256 `{modelSha256}`) |");
        card.AppendLine("| Format | ONNX, IR 8, opset 17; written by `tools/Cluster.Training` |");
        card.AppendLine("| Input | `features` FP32 [batch, 30], in the data set's column order (see below) |");
        card.AppendLine("| Outputs | `malignancy_probability` FP32 [batch, 1]; `malignant` BOOL [batch, 1] |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| Decision threshold | `malignant` is true when `malignancy_probability` >= **{threshold}** |");
        card.AppendLine();
        card.AppendLine("## Intended use");
        card.AppendLine();
        card.AppendLine("Decision support for clinicians (pathologists, cytologists, breast-care teams) reviewing FNA");
        card.AppendLine("cytology measurements: a second reader that flags cases whose measurements resemble malignant");
        card.AppendLine("ones. It is **not a diagnosis** and must not be used to rule cancer in or out on its own; the");
        card.AppendLine("clinician's assessment, histology and the patient's full history decide. It is not intended for");
        card.AppendLine("screening, for use by patients, or for any input other than the 30 measurements described here.");
        card.AppendLine();
        card.AppendLine("## Training data");
        card.AppendLine();
        card.AppendLine("Breast Cancer Wisconsin (Diagnostic), UCI Machine Learning Repository, created by Dr. William H.");
        card.AppendLine("Wolberg, W. Nick Street and Olvi L. Mangasarian (1995), licensed CC BY 4.0. This copy came from");
        card.AppendLine("the data folder of Debian's python3-sklearn 1.2.1 package (BSD-3-Clause) and lives in");
        card.AppendLine("`data/wisconsin-breast-cancer/` with its README.");
        card.AppendLine();
        card.AppendLine("569 samples (212 malignant, 357 benign) from one institution (University of Wisconsin Hospitals).");
        card.AppendLine("Each has the mean, standard error and worst (largest) value of ten nucleus measurements: radius,");
        card.AppendLine("texture, perimeter, area, smoothness, compactness, concavity, concave points, symmetry and fractal");
        card.AppendLine("dimension, in that order (columns 0-9 means, 10-19 standard errors, 20-29 worst values).");
        card.AppendLine();
        card.AppendLine("## Training procedure");
        card.AppendLine();
        card.AppendLine(CultureInfo.InvariantCulture, $"- Stratified split, seed {metrics.Seed}: {metrics.TrainingRows} rows for training, {metrics.TestRows} held out ({Pct(metrics.TestFraction)} of each class).");
        card.AppendLine("- Features standardized with the training rows' mean and standard deviation (stored in the model).");
        card.AppendLine(CultureInfo.InvariantCulture, $"- Logistic regression, L2 penalty {metrics.L2.ToString(CultureInfo.InvariantCulture)} on the standardized weights, fitted by Newton's method ({metrics.NewtonIterations} iterations). Deterministic: the same data and seed give the same bytes.");
        card.AppendLine();
        card.AppendLine("## Evaluation (held-out split)");
        card.AppendLine();
        card.AppendLine(CultureInfo.InvariantCulture, $"{metrics.TestRows} held-out samples: {metrics.TestMalignant} malignant, {metrics.TestBenign} benign. Threshold {threshold}.");
        card.AppendLine();
        card.AppendLine("| Metric | Value |");
        card.AppendLine("| --- | --- |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| Accuracy | {F(metrics.Accuracy)} |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| ROC AUC | {F(metrics.Auc)} |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| Sensitivity (malignant found) | {F(metrics.Sensitivity)} ({metrics.TruePositives}/{metrics.TruePositives + metrics.FalseNegatives}) |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| Specificity (benign cleared) | {F(metrics.Specificity)} ({metrics.TrueNegatives}/{metrics.TrueNegatives + metrics.FalsePositives}) |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| False negatives / false positives | {metrics.FalseNegatives} / {metrics.FalsePositives} |");
        card.AppendLine(CultureInfo.InvariantCulture, $"| Training accuracy / AUC | {F(metrics.TrainingAccuracy)} / {F(metrics.TrainingAuc)} |");
        card.AppendLine();
        card.AppendLine(CultureInfo.InvariantCulture, $"The held-out split is small: one misclassified sample moves accuracy by {Pct(1.0 / metrics.TestRows)}.");
        card.AppendLine("`metrics.json` beside this card holds the same figures.");
        card.AppendLine();
        card.AppendLine("## Decision threshold");
        card.AppendLine();
        card.AppendLine(CultureInfo.InvariantCulture, $"The `malignant` output applies a fixed threshold of {threshold} to `malignancy_probability`. It was");
        card.AppendLine("not tuned for any clinical operating point. A false negative (a missed malignancy) usually costs");
        card.AppendLine("far more than a false positive, so a deployment should choose its own threshold from");
        card.AppendLine("`malignancy_probability` on local validation data, and document it.");
        card.AppendLine();
        card.AppendLine("## Limitations");
        card.AppendLine();
        card.AppendLine("- Small (569 samples), single-site data set published in 1995; the population, equipment and");
        card.AppendLine("  practice it reflects may differ from yours.");
        card.AppendLine("- The features must be the same image-derived measurements (Street, Wolberg and Mangasarian's");
        card.AppendLine("  nucleus segmentation, in the same units and order). Other imaging, software or staining will");
        card.AppendLine("  shift them, and the model will not notice.");
        card.AppendLine("- Not validated prospectively or externally; the figures above come from one random split of");
        card.AppendLine("  the same data set.");
        card.AppendLine("- Probabilities are not calibrated for any deployment population: the training prevalence of");
        card.AppendLine("  malignancy (37%) is far higher than in most clinical settings, and the L2 penalty shrinks");
        card.AppendLine("  probabilities toward the middle. Recalibrate before reading them as risks.");
        card.AppendLine("- No demographic information is recorded, so performance across patient groups is unknown.");
        card.AppendLine("- A linear model: it captures no interactions between features beyond what the 30 inputs encode.");
        return card.ToString();
    }
}
