namespace Cluster.Training;

/// <summary>
/// Binary logistic regression with an L2 penalty on the weights (not the bias), fitted by
/// Newton's method (iteratively reweighted least squares). Deterministic: no random start.
/// </summary>
public sealed class LogisticRegression
{
    public const double DefaultL2 = 1.0;
    public const int MaxIterations = 100;
    public const double Tolerance = 1e-10;

    private LogisticRegression(double[] weights, double bias, int iterations)
    {
        Weights = weights;
        Bias = bias;
        Iterations = iterations;
    }

    public IReadOnlyList<double> Weights { get; }

    public double Bias { get; }

    /// <summary>Newton steps taken until the largest parameter change fell below <see cref="Tolerance"/>.</summary>
    public int Iterations { get; }

    /// <summary>Fits on rows that are already standardized; minimises log-loss + l2/2 * |w|^2.</summary>
    public static LogisticRegression Fit(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels, double l2 = DefaultL2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l2);
        var features = rows[0].Length;
        var size = features + 1; // the bias is the last parameter
        var theta = new double[size];

        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            var gradient = new double[size];
            var hessian = new double[size, size];
            for (var i = 0; i < rows.Count; i++)
            {
                var p = Sigmoid(Linear(theta, rows[i]));
                var error = p - labels[i];
                var weight = p * (1 - p);
                for (var a = 0; a < size; a++)
                {
                    var xa = a < features ? rows[i][a] : 1.0;
                    gradient[a] += error * xa;
                    for (var b = 0; b <= a; b++)
                        hessian[a, b] += weight * xa * (b < features ? rows[i][b] : 1.0);
                }
            }

            for (var a = 0; a < size; a++)
            {
                for (var b = 0; b < a; b++)
                    hessian[b, a] = hessian[a, b];
                if (a < features)
                {
                    gradient[a] += l2 * theta[a];
                    hessian[a, a] += l2;
                }
            }

            var step = Cholesky.Solve(hessian, gradient);
            for (var a = 0; a < size; a++)
                theta[a] -= step[a];
            if (step.Max(Math.Abs) < Tolerance)
                return new LogisticRegression(theta[..features], theta[features], iteration);
        }

        throw new InvalidOperationException($"Newton's method did not converge in {MaxIterations} iterations.");
    }

    public double PredictProbability(double[] standardizedRow) => Sigmoid(Linear([.. Weights, Bias], standardizedRow));

    internal static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static double Linear(double[] theta, double[] row)
    {
        var z = theta[row.Length];
        for (var j = 0; j < row.Length; j++)
            z += theta[j] * row[j];
        return z;
    }
}
