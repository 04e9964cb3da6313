package org.explain4j.datasets.segy;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a SEG-Y file's traces lie and how they decode: what a reader of one trace-aligned byte range needs, without the
 * file's headers (a distributed job reads the headers once and ships this to every task).
 *
 * @param dataStart     the byte offset of the first trace header
 * @param bigEndian     the file's byte order ({@link ByteOrder} is not serializable)
 * @param inlineByte    the 1-based trace-header position of the inline number
 * @param crosslineByte the 1-based trace-header position of the crossline number
 */
public record SegyLayout(long dataStart, int samples, SampleFormat format, boolean bigEndian, long traces, int inlineByte,
                         int crosslineByte) implements Serializable {

    /** A trace's bytes: its 240-byte header and its samples. */
    public long traceBytes() {
        return SegyFile.TRACE_HEADER_BYTES + (long) samples * format.bytes();
    }

    /** Where trace {@code index} (0-based) starts. */
    public long offset(long index) {
        return dataStart + index * traceBytes();
    }

    /** The samples of the {@code count} whole traces that {@code bytes} holds from its start, [trace][sample]. */
    public float[][] samples(ByteBuffer bytes, int count) {
        ByteBuffer b = bytes.duplicate().order(order());
        float[][] out = new float[count][samples];
        for (int t = 0; t < count; t++) {
            b.position((int) (t * traceBytes() + SegyFile.TRACE_HEADER_BYTES));
            for (int i = 0; i < samples; i++) {
                out[t][i] = format.read(b);
            }
        }
        return out;
    }

    /** The inline and crossline numbers of the {@code count} traces whose headers {@code bytes} holds, [2][count]. */
    public int[][] lineNumbers(ByteBuffer bytes, int count) {
        ByteBuffer b = bytes.duplicate().order(order());
        int[][] out = new int[2][count];
        for (int t = 0; t < count; t++) {
            int base = (int) (t * traceBytes());
            out[0][t] = b.getInt(base + inlineByte - 1);
            out[1][t] = b.getInt(base + crosslineByte - 1);
        }
        return out;
    }

    private ByteOrder order() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }
}
