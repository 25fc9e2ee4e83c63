using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace SerialCluster.Analysis.Scaling;

/// <summary>
/// Bounded nonlinear least squares of a time model T(P; θ) to raw observations with MathNet's Levenberg–Marquardt,
/// returning each parameter with its standard error (from the covariance at the minimum: (JᵀJ)⁻¹ · RSS/(n − k)).
/// </summary>
public static class CurveFitter
{
    public static (FittedParameter[] Parameters, double Rmse) Fit(
        IReadOnlyList<Observation> observations,
        Func<double[], double, double> model,
        double[] initial,
        double[] lower,
        double[] upper,
        bool[]? isFixed = null)
    {
        var x = Vector<double>.Build.DenseOfEnumerable(observations.Select(o => (double)o.P));
        var y = Vector<double>.Build.DenseOfEnumerable(observations.Select(o => o.Seconds));
        var objective = ObjectiveFunction.NonlinearModel(
            (theta, xs) => Vector<double>.Build.Dense(xs.Count, i => model([.. theta], xs[i])),
            x,
            y);
        var minimizer = new LevenbergMarquardtMinimizer(maximumIterations: 2000);
        var result = minimizer.FindMinimum(
            objective,
            Vector<double>.Build.DenseOfArray(initial),
            Vector<double>.Build.DenseOfArray(lower),
            Vector<double>.Build.DenseOfArray(upper),
            isFixed: isFixed?.ToList());
        var theta = result.MinimizingPoint.ToArray();
        var residuals = observations.Select(o => o.Seconds - model(theta, o.P)).ToArray();
        var rss = residuals.Sum(r => r * r);
        var free = isFixed?.Count(f => !f) ?? theta.Length;
        var dof = observations.Count - free;
        var errors = StandardErrors(observations, model, theta, isFixed, rss, dof);
        var parameters = theta.Select((value, i) => new FittedParameter(value, errors[i])).ToArray();
        return (parameters, Math.Sqrt(rss / Math.Max(1, observations.Count)));
    }

    /// <summary>
    /// Standard errors from the Jacobian in the parameters' own (unbounded) space, so a bound transformation inside
    /// the minimiser does not distort them; NaN where the data leave no degrees of freedom or the fit is singular.
    /// </summary>
    private static double[] StandardErrors(
        IReadOnlyList<Observation> observations, Func<double[], double, double> model, double[] theta, bool[]? isFixed, double rss, int dof)
    {
        var errors = Enumerable.Repeat(double.NaN, theta.Length).ToArray();
        var free = Enumerable.Range(0, theta.Length).Where(i => isFixed is null || !isFixed[i]).ToArray();
        for (var i = 0; i < theta.Length; i++)
        {
            if (isFixed is not null && isFixed[i])
            {
                errors[i] = 0;
            }
        }

        if (dof <= 0 || free.Length == 0)
        {
            return errors;
        }

        var jacobian = Matrix<double>.Build.Dense(observations.Count, free.Length, (row, column) =>
        {
            var k = free[column];
            var h = 1e-6 * Math.Max(1e-3, Math.Abs(theta[k]));
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[k] += h;
            down[k] -= h;
            return (model(up, observations[row].P) - model(down, observations[row].P)) / (2 * h);
        });
        var normal = jacobian.TransposeThisAndMultiply(jacobian);
        if (Math.Abs(normal.Determinant()) < 1e-300)
        {
            return errors;
        }

        var covariance = normal.Inverse() * (rss / dof);
        for (var column = 0; column < free.Length; column++)
        {
            errors[free[column]] = Math.Sqrt(Math.Max(0, covariance[column, column]));
        }

        return errors;
    }
}
