package org.explain4j.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy {@code .npy} files. Reading is done in Java, never by native code: the header is parsed and checked
 * against the file (magic, version 1/2/3, a whitelisted dtype, byte order, C or Fortran order however it is
 * spelled, shape x itemsize equal to the data's length exactly) before a byte of data is converted, so a file
 * whose header lies is one clear error instead of a native crash or a read past the data.
 */
public final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Java arrays hold at most this many elements; larger inputs are no model input anyway. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private NpyFiles() {
    }

    /** What a header says, checked against the file: {@code dataOffset} is where the data starts. */
    public record Header(NpyType type, ByteOrder order, boolean fortranOrder, long[] shape, long dataOffset) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** The element types read: NumPy's kind and size; everything else is refused by name. */
    public enum NpyType {
        BOOL('b', 1), INT8('i', 1), UINT8('u', 1), INT16('i', 2), UINT16('u', 2), INT32('i', 4), UINT32('u', 4),
        INT64('i', 8), UINT64('u', 8), FLOAT16('f', 2), FLOAT32('f', 4), FLOAT64('f', 8);

        final char kind;
        final int size;

        NpyType(char kind, int size) {
            this.kind = kind;
            this.size = size;
        }

        /** Doubles keep every value of these exactly; the rest fit a float. */
        DataType arrayType() {
            return this == FLOAT64 || this == INT32 || this == UINT32 || this == INT64 || this == UINT64 ? DataType.DOUBLE : DataType.FLOAT;
        }
    }

    /** Reads and checks the header only: cheap, so callers can refuse a shape before reading the data. */
    public static Header header(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("input file not found: " + file);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(ch, file);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static INDArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("input file not found: " + file);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            int n = (int) h.elements();
            ByteBuffer data = ByteBuffer.allocate(n * h.type().size).order(h.order());
            ch.position(h.dataOffset());
            while (data.hasRemaining()) {
                if (ch.read(data) < 0) {
                    throw new InputException(file + " ended while its data was read (it changed while being read?)");
                }
            }
            data.flip();
            return toArray(h, data);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an array as a version 1.0 {@code .npy} of little-endian float64 (a DOUBLE array) or float32
     * (anything else), atomically. The data goes from the array's native memory to the file without a copy
     * on the Java heap: a 4096 x 4096 map is 134 MB, which ND4J's own writer copied twice.
     */
    public static void write(Path file, INDArray array) throws IOException {
        INDArray a = (array.dataType() == DataType.DOUBLE ? array : array.castTo(DataType.FLOAT)).dup('c');
        int size = a.dataType() == DataType.DOUBLE ? 8 : 4;
        long bytes = a.length() * size;
        ByteBuffer data = a.data().asNio().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN || data.capacity() < bytes) {
            AtomicFiles.write(file, tmp -> Files.write(tmp, Nd4j.toNpyByteArray(array.dup('c'))));
            return;
        }
        data.position(0).limit((int) bytes);
        ByteBuffer head = ByteBuffer.wrap(headerBytes(size == 8 ? "<f8" : "<f4", a.shape()));
        AtomicFiles.write(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (head.hasRemaining()) {
                    ch.write(head);
                }
                while (data.hasRemaining()) {
                    ch.write(data);
                }
            }
        });
    }

    /** Magic, version 1.0, and the dictionary padded with spaces so that the data starts on a 64-byte boundary. */
    private static byte[] headerBytes(String descr, long[] shape) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(shape[i]).append(shape.length == 1 ? "," : i < shape.length - 1 ? ", " : "");
        }
        tuple.append(')');
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }");
        while ((10 + dict.length() + 1) % 64 != 0) {
            dict.append(' ');
        }
        dict.append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    private static Header header(FileChannel ch, Path file) throws IOException {
        long size = ch.size();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        while (pre.hasRemaining() && ch.read(pre) >= 0) {
            // fill what the file has
        }
        pre.flip();
        if (pre.remaining() < 10 || !Arrays.equals(Arrays.copyOf(pre.array(), 6), MAGIC)) {
            throw new InputException("not a .npy file (bad magic): " + file);
        }
        int major = pre.get(6) & 0xff;
        long headerLen;
        long start;
        if (major == 1) {
            headerLen = pre.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 12) {
                throw new InputException(file + " is a truncated .npy file (its header is cut off)");
            }
            headerLen = pre.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new InputException(file + " is a .npy file of format version " + major + "; versions 1, 2 and 3 are read");
        }
        if (start + headerLen > size) {
            throw new InputException(file + " is a truncated .npy file (its header says " + headerLen + " bytes, the file has "
                    + (size - start) + ")");
        }
        if (headerLen > 1 << 20) {
            throw new InputException(file + ": a .npy header of " + headerLen + " bytes is not a plausible header");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        ch.position(start);
        while (hb.hasRemaining() && ch.read(hb) >= 0) {
            // read the whole header
        }
        String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeaderText parsed = NpyHeaderText.parse(text, file);
        NpyType type = type(parsed.descr(), file);
        ByteOrder order = parsed.descr().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long[] shape = parsed.shape();
        long elements = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new InputException(file + ": the .npy header declares a negative dimension " + Arrays.toString(shape));
            }
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException e) {
                throw new InputException(file + ": the .npy header declares an impossibly large shape " + Arrays.toString(shape));
            }
        }
        if (elements > MAX_ELEMENTS) {
            throw new InputException(file + ": an array of " + elements + " elements " + Arrays.toString(shape) + " is too large to read");
        }
        long dataOffset = start + headerLen;
        long expected = elements * type.size;
        if (size - dataOffset != expected) {
            throw new InputException(file + ": the .npy header declares shape " + Arrays.toString(shape) + " of " + parsed.descr()
                    + " (" + expected + " bytes of data) but the file holds " + (size - dataOffset) + " bytes"
                    + (size - dataOffset < expected ? " (truncated?)" : ""));
        }
        return new Header(type, order, parsed.fortranOrder(), shape, dataOffset);
    }

    private static NpyType type(String descr, Path file) {
        if (descr.length() < 2 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            throw new InputException(file + ": unknown .npy dtype '" + descr + "'");
        }
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            size = -1;
        }
        for (NpyType t : NpyType.values()) {
            if (t.kind == kind && t.size == size) {
                return t;
            }
        }
        String what = switch (kind) {
            case 'c' -> "complex numbers";
            case 'O' -> "Python objects";
            case 'S', 'a', 'U' -> "strings";
            case 'V' -> "raw or structured records";
            case 'M', 'm' -> "dates or time spans";
            case 'f' -> "floats of " + size + " bytes";
            default -> "the dtype '" + descr + "'";
        };
        throw new InputException(file + " holds " + what + " ('" + descr + "'); .npy inputs must be bool, integers, or float16/32/64"
                + " (convert with a.astype(np.float32))");
    }

    private static INDArray toArray(Header h, ByteBuffer b) {
        int n = (int) h.elements();
        long[] shape = h.shape();
        char order = h.fortranOrder() ? 'f' : 'c';
        if (n == 0) {
            throw new InputException("an empty array (shape " + Arrays.toString(shape) + ") is no input");
        }
        if (h.type() == NpyType.FLOAT64 || h.type() == NpyType.FLOAT32) {
            // The common case in bulk: one buffer copy instead of an element at a time.
            if (h.type() == NpyType.FLOAT64) {
                double[] v = new double[n];
                b.asDoubleBuffer().get(v);
                return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, order).dup('c');
            }
            float[] v = new float[n];
            b.asFloatBuffer().get(v);
            return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, order).dup('c');
        }
        if (h.type().arrayType() == DataType.DOUBLE) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (h.type()) {
                    case INT32 -> b.getInt();
                    case UINT32 -> b.getInt() & 0xffffffffL;
                    case INT64 -> b.getLong();
                    default -> unsigned64(b.getLong());
                };
            }
            return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, order).dup('c');
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (h.type()) {
                case FLOAT16 -> Half.toFloat(b.getShort());
                case INT8 -> b.get();
                case UINT8, BOOL -> b.get() & 0xff;
                case INT16 -> b.getShort();
                default -> b.getShort() & 0xffff;
            };
        }
        return shape.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, shape, order).dup('c');
    }

    private static double unsigned64(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    /** IEEE 754 half precision, which Java 17 has no conversion for. */
    private static final class Half {
        private Half() {
        }

        static float toFloat(short bits) {
            int h = bits & 0xffff;
            int sign = (h >>> 15) << 31;
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            if (exp == 0) {
                return (sign == 0 ? 1 : -1) * mant * 0x1p-24f;
            }
            if (exp == 31) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }
    }
}
