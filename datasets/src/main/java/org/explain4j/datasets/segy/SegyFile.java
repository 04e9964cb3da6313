package org.explain4j.datasets.segy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.explain4j.datasets.DatasetException;

/**
 * A SEG-Y file (rev 0, 1 and the rev 2 fields segyio reads), opened for positioned reads: headers are parsed and
 * checked at open, and traces, slices and single samples are read from disk when asked, so a survey of many
 * gigabytes is never read whole. Byte positions are 1-based as in the standard (docs/SEISMIC.md).
 */
public final class SegyFile implements AutoCloseable {

    static final int TEXT_BYTES = 3200;
    static final int BINARY_BYTES = 400;
    static final int TRACE_HEADER_BYTES = 240;
    private static final int CHUNK_BYTES = 8 << 20;

    private final String file;
    private final Source source;
    private final ByteOrder order;
    private final boolean ebcdic;
    private final String text;
    private final int sampleIntervalMicros;
    private final int samples;
    private final SampleFormat format;
    private final int revision;
    private final int extendedHeaders;
    private final long dataStart;
    private final long traces;
    private final SegyOptions options;
    private final SegyGeometry geometry;

    /**
     * Where the bytes come from: a local file, or (explain-spark) a file on a Hadoop file system. Positioned reads only;
     * {@link #read} returns the bytes it read into {@code b} from {@code position}, -1 at the end.
     */
    public interface Source extends AutoCloseable {
        long size() throws IOException;

        int read(ByteBuffer b, long position) throws IOException;

        @Override
        void close() throws IOException;
    }

    private SegyFile(String file, Source source, SegyOptions options) throws IOException {
        this.file = file;
        this.source = source;
        this.options = options;
        long size = source.size();
        if (size < TEXT_BYTES + BINARY_BYTES) {
            throw error("is " + size + " bytes, shorter than the 3600 bytes of SEG-Y headers");
        }
        byte[] textBytes = read(0, TEXT_BYTES).array();
        ByteBuffer binary = read(TEXT_BYTES, BINARY_BYTES);
        this.order = options.order() != null ? options.order() : detectOrder(binary);
        binary.order(order);
        this.ebcdic = isEbcdic(textBytes);
        this.text = decode(textBytes, ebcdic);
        this.sampleIntervalMicros = binary.getShort(3217 - 3201) & 0xffff;
        int ns = binary.getShort(3221 - 3201) & 0xffff;
        if (ns == 0) {
            ns = binary.getInt(3269 - 3201); // rev 2: the 32-bit count when the 16-bit one is 0
        }
        if (ns <= 0) {
            throw error("declares " + ns + " samples per trace");
        }
        this.samples = ns;
        this.format = SampleFormat.of(binary.getShort(3225 - 3201), file);
        this.revision = binary.getShort(3501 - 3201) & 0xffff;
        int extended = binary.getShort(3505 - 3201);
        if (extended < 0) {
            throw error("declares a variable number of extended textual headers (" + extended + "), which is not read");
        }
        this.extendedHeaders = extended;
        this.dataStart = TEXT_BYTES + BINARY_BYTES + (long) TEXT_BYTES * extended;
        long traceBytes = traceBytes();
        if (size < dataStart) {
            throw error("is truncated: its " + extended + " extended textual headers end past the file's " + size + " bytes");
        }
        if ((size - dataStart) % traceBytes != 0) {
            throw error("is truncated or inconsistent: the " + (size - dataStart) + " bytes after the headers are not a whole number of "
                    + traceBytes + "-byte traces (" + samples + " samples of " + format.bytes() + " bytes + a 240-byte header)");
        }
        this.traces = (size - dataStart) / traceBytes;
        if (traces == 0) {
            throw error("holds no traces");
        }
        this.geometry = options.geometry() ? inferGeometry() : null;
    }

    public static SegyFile open(Path file, SegyOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("SEG-Y file not found: " + file);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
            FileChannel channel = ch;
            return new SegyFile(file.toString(), new Source() {
                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public int read(ByteBuffer b, long position) throws IOException {
                    return channel.read(b, position);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            }, options);
        } catch (IOException e) {
            close(ch);
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    /** A SEG-Y file read from {@code source} (closed with the file, or at once if it is no SEG-Y file); {@code name} names it in messages. */
    public static SegyFile open(String name, Source source, SegyOptions options) {
        try {
            return new SegyFile(name, source, options);
        } catch (IOException e) {
            closeQuietly(source);
            throw new DatasetException("cannot read " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    private static void closeQuietly(Source source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the error being reported matters more
            }
        }
    }

    /**
     * Big-endian by the standard; bytes 3297-3300 hold 0x01020304 (big) or 0x04030201 (little) in files that say;
     * otherwise the byte order in which the format code is one this reader knows, as segyio does.
     */
    private ByteOrder detectOrder(ByteBuffer binary) {
        int marker = binary.order(ByteOrder.BIG_ENDIAN).getInt(3297 - 3201);
        if (marker == 0x01020304) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (marker == 0x04030201) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        int big = binary.order(ByteOrder.BIG_ENDIAN).getShort(3225 - 3201);
        if (SampleFormat.known(big)) {
            return ByteOrder.BIG_ENDIAN;
        }
        int little = binary.order(ByteOrder.LITTLE_ENDIAN).getShort(3225 - 3201);
        if (SampleFormat.known(little)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        throw error("has a data sample format code (" + big + " big-endian, " + little + " little-endian) that this reader does not"
                + " know (1 IBM float, 2 int32, 3 int16, 5 IEEE float, 8 int8)");
    }

    /** ASCII headers start with 'C' (0x43); EBCDIC ones with 0xC3; otherwise whichever decodes to more printable text. */
    private static boolean isEbcdic(byte[] t) {
        if (t[0] == 0x43) {
            return false;
        }
        if ((t[0] & 0xff) == 0xC3) {
            return true;
        }
        return printable(decode(t, true)) > printable(decode(t, false));
    }

    private static int printable(String s) {
        int n = 0;
        for (char c : s.toCharArray()) {
            n += c >= 32 && c < 127 ? 1 : 0;
        }
        return n;
    }

    private static String decode(byte[] t, boolean ebcdic) {
        return new String(t, ebcdic ? Charset.forName("IBM037") : StandardCharsets.ISO_8859_1);
    }

    private long traceBytes() {
        return TRACE_HEADER_BYTES + (long) samples * format.bytes();
    }

    private long traceOffset(long trace) {
        if (trace < 0 || trace >= traces) {
            throw new DatasetException(file + ": no trace " + trace + " (the file holds " + traces + ")");
        }
        return dataStart + trace * traceBytes();
    }

    private ByteBuffer read(long position, int length) throws IOException {
        return read(position, length, null);
    }

    /**
     * {@code length} bytes from {@code position}, read into {@code reuse} when it is large enough. Scans read hundreds of
     * {@value #CHUNK_BYTES}-byte chunks: a new array for each grew the Java heap, and `seismic section` on a 2.24 GB
     * survey peaked at about 1 GB while scanning its trace headers (docs/BENCHMARKS.md, "Memory").
     */
    private ByteBuffer read(long position, int length, ByteBuffer reuse) throws IOException {
        ByteBuffer b = reuse != null && reuse.capacity() >= length ? reuse.clear().limit(length) : ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (source.read(b, position + b.position()) < 0) {
                throw error("ended while it was read (changed on disk?)");
            }
        }
        return b.flip();
    }

    /**
     * Scans every trace header for the inline and crossline numbers, a chunk of traces per read, and finds the grid
     * the way segyio does: exactly one of the two changes between the first two traces.
     */
    private SegyGeometry inferGeometry() throws IOException {
        int n = (int) Math.min(traces, Integer.MAX_VALUE);
        if (traces > Integer.MAX_VALUE) {
            throw error("holds more traces than one geometry scan can index");
        }
        int[] il = new int[n];
        int[] xl = new int[n];
        long traceBytes = traceBytes();
        int perChunk = (int) Math.max(1, CHUNK_BYTES / traceBytes);
        ByteBuffer chunk = null;
        for (int first = 0; first < n; first += perChunk) {
            int count = Math.min(perChunk, n - first);
            chunk = read(traceOffset(first), (int) (count * traceBytes - (traceBytes - TRACE_HEADER_BYTES)), chunk).order(order);
            for (int i = 0; i < count; i++) {
                int base = (int) (i * traceBytes);
                il[first + i] = chunk.getInt(base + options.inlineByte() - 1);
                xl[first + i] = chunk.getInt(base + options.crosslineByte() - 1);
            }
        }
        if (n == 1) {
            return new SegyGeometry(new int[] {il[0]}, new int[] {xl[0]}, true);
        }
        if (il[0] == il[1] && xl[0] != xl[1]) {
            return grid(il, xl, true);
        }
        if (xl[0] == xl[1] && il[0] != il[1]) {
            return grid(xl, il, false);
        }
        throw irregular("the first two traces are (" + il[0] + ", " + xl[0] + ") and (" + il[1] + ", " + xl[1] + ")");
    }

    /** {@code slow} is constant within each block of traces, {@code fast} runs through the same numbers in every block. */
    private SegyGeometry grid(int[] slow, int[] fast, boolean inlineSorted) {
        int block = 1;
        while (block < slow.length && slow[block] == slow[0]) {
            block++;
        }
        if (slow.length % block != 0) {
            throw irregular(slow.length + " traces are not whole blocks of " + block);
        }
        int blocks = slow.length / block;
        int[] slowNumbers = new int[blocks];
        int[] fastNumbers = Arrays.copyOf(fast, block);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int b = 0; b < blocks; b++) {
            slowNumbers[b] = slow[b * block];
            if (!seen.add(slowNumbers[b])) {
                throw irregular((inlineSorted ? "inline " : "crossline ") + slowNumbers[b] + " appears in two blocks");
            }
            for (int i = 0; i < block; i++) {
                int t = b * block + i;
                if (slow[t] != slowNumbers[b] || fast[t] != fastNumbers[i]) {
                    throw irregular("trace " + t + " breaks the grid of the first " + block + " traces");
                }
            }
        }
        return inlineSorted ? new SegyGeometry(slowNumbers, fastNumbers, true) : new SegyGeometry(fastNumbers, slowNumbers, false);
    }

    private DatasetException irregular(String why) {
        return error("has no regular inline/crossline grid with inline numbers at byte " + options.inlineByte() + " and crossline numbers at byte "
                + options.crosslineByte() + " (" + why + "); older surveys use --iline-byte 9 --xline-byte 21 or 17/13, and"
                + " --no-geometry reads trace by trace");
    }

    private DatasetException error(String what) {
        return new DatasetException(file + " " + what);
    }

    // ---- what the file says

    public String textHeader() {
        return text;
    }

    public boolean ebcdic() {
        return ebcdic;
    }

    public ByteOrder order() {
        return order;
    }

    public int samples() {
        return samples;
    }

    public int sampleIntervalMicros() {
        return sampleIntervalMicros;
    }

    public SampleFormat format() {
        return format;
    }

    public int revision() {
        return revision;
    }

    public int extendedHeaders() {
        return extendedHeaders;
    }

    public long traces() {
        return traces;
    }

    /** The grid, or null when the file was opened without one. */
    public SegyGeometry geometry() {
        return geometry;
    }

    public SegyOptions options() {
        return options;
    }

    /** Where the traces lie and how they decode, for readers of one byte range (a distributed job's tasks). */
    public SegyLayout layout() {
        return new SegyLayout(dataStart, samples, format, order == ByteOrder.BIG_ENDIAN, traces, options.inlineByte(),
                options.crosslineByte());
    }

    // ---- data

    /** One trace's samples. */
    public float[] trace(long index) {
        try {
            ByteBuffer b = read(traceOffset(index) + TRACE_HEADER_BYTES, samples * format.bytes()).order(order);
            float[] out = new float[samples];
            for (int i = 0; i < samples; i++) {
                out[i] = format.read(b);
            }
            return out;
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A 4-byte trace-header field at a 1-based byte position. */
    public int traceHeaderInt(long index, int bytePosition) {
        if (bytePosition < 1 || bytePosition > TRACE_HEADER_BYTES - 3) {
            throw new IllegalArgumentException("a 4-byte trace-header field starts at byte 1..237, not " + bytePosition);
        }
        try {
            return read(traceOffset(index) + bytePosition - 1, 4).order(order).getInt();
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The traces of inline {@code number}, [crosslines][samples], in the file's crossline order (segyio's {@code iline[n]}). */
    public float[][] inline(int number) {
        SegyGeometry g = requireGeometry();
        int i = g.indexOfInline(number);
        float[][] out = new float[g.crosslines().length][samples];
        readTraces(g.crosslines().length, x -> g.trace(i, x), (x, b) -> fill(b, out[x]));
        return out;
    }

    /** The traces of crossline {@code number}, [inlines][samples] (segyio's {@code xline[n]}). */
    public float[][] crossline(int number) {
        SegyGeometry g = requireGeometry();
        int x = g.indexOfCrossline(number);
        float[][] out = new float[g.inlines().length][samples];
        readTraces(g.inlines().length, i -> g.trace(i, x), (i, b) -> fill(b, out[i]));
        return out;
    }

    /** Sample {@code k} of every trace, [inlines][crosslines] (segyio's {@code depth_slice[k]}). */
    public float[][] depth(int k) {
        SegyGeometry g = requireGeometry();
        if (k < 0 || k >= samples) {
            throw new DatasetException(file + ": no depth index " + k + " (traces hold samples 0 to " + (samples - 1) + ")");
        }
        int crosslines = g.crosslines().length;
        float[][] out = new float[g.inlines().length][crosslines];
        readTraces(out.length * crosslines, t -> g.trace(t / crosslines, t % crosslines), (t, b) -> {
            b.position(b.position() + k * format.bytes());
            out[t / crosslines][t % crosslines] = format.read(b);
        });
        return out;
    }

    /** Reads the samples of {@code count} traces; the order of the wanted trace indices. */
    @FunctionalInterface
    private interface TraceIndex {
        long of(int n);
    }

    /** Told about the n-th wanted trace, with a buffer positioned at its first sample (in the file's byte order). */
    @FunctionalInterface
    private interface TraceReader {
        void read(int n, ByteBuffer samples);
    }

    /**
     * Reads wanted traces with few positioned reads: runs of traces that lie one after another in the file (an
     * inline of an inline-sorted survey, a depth slice of any) are read {@value #CHUNK_BYTES} bytes at a time, so
     * memory stays at one chunk and a 2.24 GB survey's depth slice is about 270 reads rather than a million.
     */
    private void readTraces(int count, TraceIndex index, TraceReader reader) {
        long traceBytes = traceBytes();
        int perChunk = (int) Math.max(1, CHUNK_BYTES / traceBytes);
        try {
            int n = 0;
            ByteBuffer b = null;
            while (n < count) {
                long first = index.of(n);
                int run = 1;
                while (n + run < count && run < perChunk && index.of(n + run) == first + run) {
                    run++;
                }
                b = read(traceOffset(first), (int) (run * traceBytes), b).order(order);
                for (int t = 0; t < run; t++) {
                    b.position((int) (t * traceBytes + TRACE_HEADER_BYTES));
                    reader.read(n + t, b);
                }
                n += run;
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void fill(ByteBuffer b, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = format.read(b);
        }
    }

    private SegyGeometry requireGeometry() {
        if (geometry == null) {
            throw new DatasetException(file + " was opened without a geometry; slices need one");
        }
        return geometry;
    }

    /** What {@code seismic info} prints. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("byteOrder", order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian");
        m.put("textHeader", ebcdic ? "EBCDIC" : "ASCII");
        m.put("revision", String.format(java.util.Locale.ROOT, "%d.%d", revision >> 8, revision & 0xff));
        m.put("format", format.code() + " (" + format.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        m.put("samplesPerTrace", samples);
        m.put("sampleIntervalMicros", sampleIntervalMicros);
        m.put("extendedTextHeaders", extendedHeaders);
        m.put("traces", traces);
        if (geometry != null) {
            m.put("sorting", geometry.inlineSorted() ? "inline (crosslines vary fastest)" : "crossline (inlines vary fastest)");
            m.put("inlines", geometry.inlines().length + " (" + geometry.inlines()[0] + " to " + geometry.inlines()[geometry.inlines().length - 1]
                    + ", byte " + options.inlineByte() + ")");
            m.put("crosslines", geometry.crosslines().length + " (" + geometry.crosslines()[0] + " to "
                    + geometry.crosslines()[geometry.crosslines().length - 1] + ", byte " + options.crosslineByte() + ")");
        }
        return m;
    }

    @Override
    public void close() {
        closeQuietly(source);
    }
}
