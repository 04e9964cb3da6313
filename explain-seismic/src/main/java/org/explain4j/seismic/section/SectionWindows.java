package org.explain4j.seismic.section;

/**
 * The square windows a section is explained in: {@code patch x patch} pixels every {@code stride} traces and
 * samples, plus a last window flush with the far edge when the stride does not land there, so every pixel is
 * covered. Windows are numbered row-major over (depth, traces): window {@code r * columns() + c} starts at sample
 * {@code rowStart(r)} and trace {@code columnStart(c)}.
 */
public record SectionWindows(int traces, int samples, int patch, int stride) {

    public SectionWindows {
        if (patch < 1 || stride < 1) {
            throw new IllegalArgumentException("patch and stride must be at least 1");
        }
        if (stride > patch) {
            throw new IllegalArgumentException("a stride of " + stride + " leaves pixels between " + patch + "x" + patch
                    + " windows unexplained; use at most " + patch);
        }
        if (traces < patch || samples < patch) {
            throw new IllegalArgumentException("the section is " + traces + " traces x " + samples + " samples; windows are "
                    + patch + "x" + patch + ", so it needs at least " + patch + " of each");
        }
    }

    /** Windows along the traces. */
    public int columns() {
        return along(traces);
    }

    /** Windows along depth. */
    public int rows() {
        return along(samples);
    }

    public int count() {
        return rows() * columns();
    }

    public int columnStart(int c) {
        return start(c, traces);
    }

    public int rowStart(int r) {
        return start(r, samples);
    }

    /** For each trace, the column of the window whose centre is nearest (ties to the earlier window). */
    public int[] nearestColumn() {
        return nearest(traces, columns());
    }

    /** For each sample, the row of the window whose centre is nearest. */
    public int[] nearestRow() {
        return nearest(samples, rows());
    }

    private int along(int n) {
        int regular = (n - patch) / stride + 1;
        return (regular - 1) * stride + patch == n ? regular : regular + 1;
    }

    private int start(int i, int n) {
        return Math.min(i * stride, n - patch);
    }

    private int[] nearest(int n, int windows) {
        int[] out = new int[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            while (w + 1 < windows && Math.abs(start(w + 1, n) - (i - patch / 2)) < Math.abs(start(w, n) - (i - patch / 2))) {
                w++;
            }
            out[i] = w;
        }
        return out;
    }
}
