package org.explain4j.datasets.segy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a regular SEG-Y rev 1 survey, inline-sorted, trace by trace (the generators' surveys and the tests' files):
 * a 40-line textual header in EBCDIC or ASCII, the binary header, optional blank extended textual headers, and
 * traces with their inline and crossline numbers at the given byte positions.
 */
public final class SegyWriter {

    /** What to write and how. */
    public record Layout(SampleFormat format, ByteOrder order, boolean ebcdic, int inlineByte, int crosslineByte,
                         int sampleIntervalMicros, int extendedHeaders, String text) {

        public static Layout standard(SampleFormat format, ByteOrder order) {
            return new Layout(format, order, true, SegyOptions.INLINE_BYTE, SegyOptions.CROSSLINE_BYTE, 4000, 0,
                    "C 1 written by explain4j");
        }

        public Layout withEbcdic(boolean e) {
            return new Layout(format, order, e, inlineByte, crosslineByte, sampleIntervalMicros, extendedHeaders, text);
        }

        public Layout withBytes(int inline, int crossline) {
            return new Layout(format, order, ebcdic, inline, crossline, sampleIntervalMicros, extendedHeaders, text);
        }

        public Layout withExtendedHeaders(int n) {
            return new Layout(format, order, ebcdic, inlineByte, crosslineByte, sampleIntervalMicros, n, text);
        }
    }

    /** The samples of trace (inline index i, crossline index x). */
    @FunctionalInterface
    public interface Traces {
        float[] trace(int i, int x);
    }

    private SegyWriter() {
    }

    public static void write(Path file, Layout layout, int[] inlines, int[] crosslines, int samples, Traces traces) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(textHeader(layout.text(), layout.ebcdic()));
            out.write(binaryHeader(layout, samples));
            for (int e = 0; e < layout.extendedHeaders(); e++) {
                out.write(textHeader("", layout.ebcdic()));
            }
            int seq = 1;
            for (int i = 0; i < inlines.length; i++) {
                for (int x = 0; x < crosslines.length; x++) {
                    ByteBuffer t = ByteBuffer.allocate(SegyFile.TRACE_HEADER_BYTES + samples * layout.format().bytes()).order(layout.order());
                    t.putInt(0, seq);
                    t.putInt(4, seq++);
                    t.putInt(layout.inlineByte() - 1, inlines[i]);
                    t.putInt(layout.crosslineByte() - 1, crosslines[x]);
                    t.putShort(114, (short) samples);
                    t.putShort(116, (short) layout.sampleIntervalMicros());
                    float[] v = traces.trace(i, x);
                    t.position(SegyFile.TRACE_HEADER_BYTES);
                    for (int k = 0; k < samples; k++) {
                        put(t, layout.format(), v[k]);
                    }
                    out.write(t.array());
                }
            }
        }
    }

    private static void put(ByteBuffer b, SampleFormat f, float v) {
        switch (f) {
            case IBM_FLOAT -> b.putInt(SampleFormat.floatToIbm(v));
            case INT32 -> b.putInt(Math.round(v));
            case INT16 -> b.putShort((short) Math.round(v));
            case IEEE_FLOAT -> b.putFloat(v);
            case INT8 -> b.put((byte) Math.round(v));
            default -> throw new IllegalStateException(f.name());
        }
    }

    /** 40 lines of 80 characters, padded with spaces. */
    static byte[] textHeader(String text, boolean ebcdic) {
        char[] c = new char[SegyFile.TEXT_BYTES];
        Arrays.fill(c, ' ');
        text.getChars(0, Math.min(text.length(), c.length), c, 0);
        return new String(c).getBytes(ebcdic ? Charset.forName("IBM037") : StandardCharsets.US_ASCII);
    }

    private static byte[] binaryHeader(Layout l, int samples) {
        ByteBuffer b = ByteBuffer.allocate(SegyFile.BINARY_BYTES).order(l.order());
        b.putShort(3217 - 3201, (short) l.sampleIntervalMicros());
        b.putShort(3221 - 3201, (short) samples);
        b.putShort(3225 - 3201, (short) l.format().code());
        b.putShort(3229 - 3201, (short) 2); // inline sorting
        b.putShort(3501 - 3201, (short) 0x0100);
        b.putShort(3503 - 3201, (short) 1);
        b.putShort(3505 - 3201, (short) l.extendedHeaders());
        return b.array();
    }
}
