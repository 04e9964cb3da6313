package org.explain4j.datasets.landmass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.explain4j.datasets.DatasetException;

/**
 * The first numeric 2-D matrix of a MATLAB level 5 {@code .mat} file (what a LANDMASS patch file holds): the
 * 128-byte header (its endian indicator picks the byte order), data elements (compressed ones inflated), a
 * miMATRIX's array flags, dimensions, name and real part in any numeric storage type. MATLAB stores columns
 * first; the result is row-major [rows][cols]. Sparse, complex, cell, struct and character arrays are refused.
 */
public final class MatFile {

    private static final int MI_INT8 = 1;
    private static final int MI_UINT8 = 2;
    private static final int MI_INT16 = 3;
    private static final int MI_UINT16 = 4;
    private static final int MI_INT32 = 5;
    private static final int MI_UINT32 = 6;
    private static final int MI_SINGLE = 7;
    private static final int MI_DOUBLE = 9;
    private static final int MI_INT64 = 12;
    private static final int MI_UINT64 = 13;
    private static final int MI_MATRIX = 14;
    private static final int MI_COMPRESSED = 15;
    /** Numeric array classes: double, single, int8 .. uint64. */
    private static final int FIRST_NUMERIC_CLASS = 6;
    private static final int LAST_NUMERIC_CLASS = 15;
    private static final int MAX_INFLATED = 256 << 20;

    private MatFile() {
    }

    public static float[][] readMatrix(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(bytes, file);
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DatasetException(file + " is not a readable MATLAB v5 .mat file (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static float[][] parse(byte[] bytes, Path file) {
        if (bytes.length < 128) {
            throw new DatasetException(file + " is not a MATLAB v5 .mat file (shorter than its 128-byte header)");
        }
        String text = new String(bytes, 0, 10, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u0089HDF") || new String(bytes, 0, 116, java.nio.charset.StandardCharsets.ISO_8859_1).contains("7.3")) {
            throw new DatasetException(file + " is a MATLAB v7.3 (HDF5) .mat file; save it with -v7 or -v6");
        }
        ByteOrder order;
        if (bytes[126] == 'I' && bytes[127] == 'M') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (bytes[126] == 'M' && bytes[127] == 'I') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new DatasetException(file + " is not a MATLAB v5 .mat file (no endian indicator at bytes 127-128)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
        b.position(128);
        while (b.remaining() >= 8) {
            int type = b.getInt(b.position());
            int size = b.getInt(b.position() + 4);
            if (type == MI_COMPRESSED) {
                b.position(b.position() + 8);
                byte[] inflated = inflate(bytes, b.position(), size, file);
                b.position(b.position() + size);
                float[][] m = fromElements(ByteBuffer.wrap(inflated).order(order), file);
                if (m != null) {
                    return m;
                }
            } else {
                float[][] m = fromElements(b.slice().order(order), file);
                if (m != null) {
                    return m;
                }
                b.position(b.position() + 8 + pad8(size));
            }
        }
        throw new DatasetException(file + " holds no numeric 2-D matrix");
    }

    /** The first element of {@code b} if it is a numeric 2-D miMATRIX; null for other elements. */
    private static float[][] fromElements(ByteBuffer b, Path file) {
        int type = b.getInt();
        int size = b.getInt();
        if (type != MI_MATRIX) {
            return null;
        }
        if (size > b.remaining()) {
            throw new DatasetException(file + " is truncated (a matrix of " + size + " bytes, " + b.remaining() + " left)");
        }
        ByteBuffer m = b.slice().order(b.order());
        m.limit(size);
        Element flags = Element.next(m, file);
        int arrayClass = flags.data.get(0) & 0xff;
        boolean complex = (flags.data.get(1) & 0x08) != 0;
        if (arrayClass < FIRST_NUMERIC_CLASS || arrayClass > LAST_NUMERIC_CLASS || complex) {
            return null; // a cell, struct, char, sparse or complex array: look further
        }
        Element dims = Element.next(m, file);
        if (dims.type != MI_INT32 || dims.count() != 2) {
            throw new DatasetException(file + ": the matrix has " + dims.count() + " dimensions; a 2-D patch is expected");
        }
        int rows = dims.data.getInt(0);
        int cols = dims.data.getInt(4);
        if (rows < 1 || cols < 1 || (long) rows * cols > 64L << 20) {
            throw new DatasetException(file + ": a " + rows + " x " + cols + " matrix is no patch");
        }
        Element.next(m, file); // the array name
        Element real = Element.next(m, file);
        if (real.count() != (long) rows * cols) {
            throw new DatasetException(file + ": the matrix is " + rows + " x " + cols + " but holds " + real.count() + " values");
        }
        float[][] out = new float[rows][cols];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                out[r][c] = real.value(c * rows + r);
            }
        }
        return out;
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    private static byte[] inflate(byte[] bytes, int offset, int length, Path file) {
        if (length < 0 || offset + length > bytes.length) {
            throw new DatasetException(file + " is truncated (a compressed element runs past the end)");
        }
        Inflater inflater = new Inflater();
        inflater.setInput(bytes, offset, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DatasetException(file + " is truncated or corrupt (a compressed element ends early)");
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw new DatasetException(file + ": a compressed element inflates past " + (MAX_INFLATED >> 20) + " MB");
                }
            }
        } catch (DataFormatException e) {
            throw new DatasetException(file + " is corrupt (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** One data element: its type and its bytes (small elements pack up to 4 bytes into the tag). */
    private record Element(int type, ByteBuffer data) {

        static Element next(ByteBuffer b, Path file) {
            if (b.remaining() < 8) {
                throw new DatasetException(file + " is truncated inside a matrix");
            }
            int first = b.getInt();
            int type;
            int size;
            ByteBuffer data;
            if ((first >>> 16) != 0) {
                type = first & 0xffff;
                size = first >>> 16;
                if (size > 4) {
                    throw new DatasetException(file + " is corrupt (a small data element of " + size + " bytes)");
                }
                data = b.slice().order(b.order());
                data.limit(size);
                b.position(b.position() + 4);
            } else {
                type = first;
                size = b.getInt();
                if (size < 0 || size > b.remaining()) {
                    throw new DatasetException(file + " is truncated (an element of " + size + " bytes, " + b.remaining() + " left)");
                }
                data = b.slice().order(b.order());
                data.limit(size);
                b.position(Math.min(b.limit(), b.position() + pad8(size)));
            }
            return new Element(type, data);
        }

        int width() {
            return switch (type) {
                case MI_INT8, MI_UINT8 -> 1;
                case MI_INT16, MI_UINT16 -> 2;
                case MI_INT32, MI_UINT32, MI_SINGLE -> 4;
                case MI_DOUBLE, MI_INT64, MI_UINT64 -> 8;
                default -> throw new DatasetException("a .mat element of type " + type + " is not numeric");
            };
        }

        long count() {
            return data.limit() / width();
        }

        float value(int i) {
            int at = i * width();
            return switch (type) {
                case MI_INT8 -> data.get(at);
                case MI_UINT8 -> data.get(at) & 0xff;
                case MI_INT16 -> data.getShort(at);
                case MI_UINT16 -> data.getShort(at) & 0xffff;
                case MI_INT32 -> data.getInt(at);
                case MI_UINT32 -> data.getInt(at) & 0xffffffffL;
                case MI_SINGLE -> data.getFloat(at);
                case MI_DOUBLE -> (float) data.getDouble(at);
                case MI_INT64 -> data.getLong(at);
                default -> (float) (data.getLong(at) >>> 1) * 2 + (data.getLong(at) & 1);
            };
        }
    }
}
