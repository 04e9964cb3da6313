package org.explain4j.datasets.segy;

import java.nio.ByteOrder;

/**
 * How to read a SEG-Y file: the byte order ({@code null}: detected), the 1-based trace-header byte positions of the
 * inline and crossline numbers (189/193 by SEG-Y rev 1; older surveys use 9/21 or 17/13), and whether to infer a
 * geometry at all ({@code false}: traces only, for files without a regular inline/crossline grid).
 */
public record SegyOptions(ByteOrder order, int inlineByte, int crosslineByte, boolean geometry) {

    public static final int INLINE_BYTE = 189;
    public static final int CROSSLINE_BYTE = 193;

    public SegyOptions {
        for (int b : new int[] {inlineByte, crosslineByte}) {
            if (b < 1 || b > 237) {
                throw new IllegalArgumentException("a trace-header byte position is 1..237 (a 4-byte field), not " + b);
            }
        }
        if (inlineByte == crosslineByte) {
            throw new IllegalArgumentException("the inline and crossline byte positions are the same (" + inlineByte + ")");
        }
    }

    public static SegyOptions defaults() {
        return new SegyOptions(null, INLINE_BYTE, CROSSLINE_BYTE, true);
    }

    public SegyOptions withOrder(ByteOrder o) {
        return new SegyOptions(o, inlineByte, crosslineByte, geometry);
    }

    public SegyOptions withBytes(int inline, int crossline) {
        return new SegyOptions(order, inline, crossline, geometry);
    }

    public SegyOptions withoutGeometry() {
        return new SegyOptions(order, inlineByte, crosslineByte, false);
    }
}
