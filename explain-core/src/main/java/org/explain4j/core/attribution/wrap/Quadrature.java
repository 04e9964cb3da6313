package org.explain4j.core.attribution.wrap;

/**
 * Where Integrated Gradients samples the path and how it weighs the samples: alphas in [0, 1] and weights
 * summing to 1, as Captum's approximation methods define them (docs/METHODS.md §4).
 */
public enum Quadrature {
    RIEMANN_LEFT("riemann-left"), RIEMANN_RIGHT("riemann-right"), RIEMANN_MIDDLE("riemann-middle"),
    RIEMANN_TRAPEZOID("riemann-trapezoid"), GAUSS_LEGENDRE("gausslegendre");

    private final String id;

    Quadrature(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Quadrature parse(String id) {
        for (Quadrature q : values()) {
            if (q.id.equals(id)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown integration rule '" + id + "'; rules: riemann-left, riemann-right, "
                + "riemann-middle, riemann-trapezoid, gausslegendre");
    }

    /** The n points along the path. */
    public double[] alphas(int n) {
        double[] a = new double[n];
        switch (this) {
            case RIEMANN_LEFT -> fill(a, 0, 1 - 1.0 / n);
            case RIEMANN_RIGHT -> fill(a, 1.0 / n, 1);
            case RIEMANN_MIDDLE -> fill(a, 1.0 / (2 * n), 1 - 1.0 / (2 * n));
            case RIEMANN_TRAPEZOID -> fill(a, 0, 1);
            case GAUSS_LEGENDRE -> {
                double[][] nw = gaussLegendre(n);
                for (int i = 0; i < n; i++) {
                    a[i] = (1 + nw[0][i]) / 2;
                }
            }
        }
        return a;
    }

    /** The weight of each point; they sum to 1 (the path's length). */
    public double[] weights(int n) {
        double[] w = new double[n];
        switch (this) {
            case RIEMANN_TRAPEZOID -> {
                if (n == 1) {
                    w[0] = 1;
                } else {
                    java.util.Arrays.fill(w, 1.0 / (n - 1));
                    w[0] /= 2;
                    w[n - 1] /= 2;
                }
            }
            case GAUSS_LEGENDRE -> {
                double[][] nw = gaussLegendre(n);
                for (int i = 0; i < n; i++) {
                    w[i] = nw[1][i] / 2;
                }
            }
            default -> java.util.Arrays.fill(w, 1.0 / n);
        }
        return w;
    }

    private static void fill(double[] a, double from, double to) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            a[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
    }

    /**
     * Nodes (ascending) and weights of the n-point Gauss-Legendre rule on [-1, 1]: the roots of the Legendre
     * polynomial P_n by Newton's method from Chebyshev-like starting points, w_i = 2 / ((1 - x_i^2) P_n'(x_i)^2).
     */
    static double[][] gaussLegendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 1;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = z;
                for (int j = 2; j <= n; j++) {
                    double p2 = ((2 * j - 1) * z * p1 - (j - 1) * p0) / j;
                    p0 = p1;
                    p1 = p2;
                }
                double pn = n == 1 ? z : p1;
                double pPrev = n == 1 ? 1 : p0;
                derivative = n * (z * pn - pPrev) / (z * z - 1);
                double step = pn / derivative;
                z -= step;
                if (Math.abs(step) < 1e-15) {
                    break;
                }
            }
            x[n - 1 - i] = z;
            w[n - 1 - i] = 2 / ((1 - z * z) * derivative * derivative);
        }
        return new double[][] {x, w};
    }
}
