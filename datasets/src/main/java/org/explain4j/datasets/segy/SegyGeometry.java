package org.explain4j.datasets.segy;

/**
 * A regular survey grid, as segyio infers it: the inline and crossline numbers in file order, and whether traces run
 * crossline-fastest (inline-sorted, each inline's traces together) or inline-fastest (crossline-sorted).
 */
public record SegyGeometry(int[] inlines, int[] crosslines, boolean inlineSorted) {

    /** The file's trace index of (inline index i, crossline index x). */
    public long trace(int i, int x) {
        return inlineSorted ? (long) i * crosslines.length + x : (long) x * inlines.length + i;
    }

    public int indexOfInline(int number) {
        return indexOf(inlines, number, "inline");
    }

    public int indexOfCrossline(int number) {
        return indexOf(crosslines, number, "crossline");
    }

    private static int indexOf(int[] numbers, int n, String what) {
        for (int i = 0; i < numbers.length; i++) {
            if (numbers[i] == n) {
                return i;
            }
        }
        throw new org.explain4j.datasets.DatasetException("no " + what + " " + n + " in the survey (" + what + "s "
                + numbers[0] + " to " + numbers[numbers.length - 1] + ")");
    }
}
