namespace Cluster.Training;

/// <summary>Solves A x = b for a symmetric positive-definite A (the Newton system of a ridge-penalised logistic loss).</summary>
internal static class Cholesky
{
    public static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var lower = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                    sum -= lower[i, k] * lower[j, k];
                if (i == j)
                {
                    if (sum <= 0)
                        throw new InvalidOperationException("The Newton system is not positive definite; increase the L2 penalty.");
                    lower[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i, j] = sum / lower[j, j];
                }
            }
        }

        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
                sum -= lower[i, k] * y[k];
            y[i] = sum / lower[i, i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++)
                sum -= lower[k, i] * x[k];
            x[i] = sum / lower[i, i];
        }

        return x;
    }
}
