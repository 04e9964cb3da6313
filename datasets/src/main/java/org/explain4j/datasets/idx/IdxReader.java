package org.explain4j.datasets.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.explain4j.datasets.DatasetException;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The IDX format of MNIST and Fashion-MNIST (plain or {@code .gz}): a big-endian magic number
 * 0x000008DD (unsigned bytes, DD dimensions: 0x00000803 for images, 0x00000801 for labels), the
 * dimensions as 32-bit big-endian integers, then the bytes.
 */
public final class IdxReader {

    public static final int IMAGES_MAGIC = 0x00000803;
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Images and labels from two IDX files: [N,1,H,W] in [0,1]. */
    public static LabelledImages read(Path images, Path labels, List<String> classNames) {
        INDArray x = readImages(images);
        int[] y = readLabels(labels);
        if (x.size(0) != y.length) {
            throw new DatasetException(images + " holds " + x.size(0) + " images but " + labels + " holds " + y.length + " labels");
        }
        for (int label : y) {
            if (label >= classNames.size()) {
                throw new DatasetException(labels + " has label " + label + " but only " + classNames.size() + " classes are named");
            }
        }
        return new LabelledImages(x, y, classNames);
    }

    /** An image file: [N,1,H,W] floats in [0,1]. */
    public static INDArray readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(String.format("%s is not an IDX image file (magic 0x%08X, expected 0x%08X)", file, magic, IMAGES_MAGIC));
            }
            int n = dimension(in, file);
            int h = dimension(in, file);
            int w = dimension(in, file);
            long total = (long) n * h;
            if (total > Integer.MAX_VALUE || total * w > Integer.MAX_VALUE - 8) { // each factor is below 2^31: no overflow
                throw new DatasetException(file + " is too large (" + n + " x " + h + " x " + w + ")");
            }
            total *= w;
            byte[] bytes = body(in, total, file);
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xff) / 255f;
            }
            return Nd4j.createFromArray(pixels).reshape(n, 1, h, w).castTo(DataType.FLOAT);
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated: it ends before the size its header gives", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A label file. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(String.format("%s is not an IDX label file (magic 0x%08X, expected 0x%08X)", file, magic, LABELS_MAGIC));
            }
            int n = dimension(in, file);
            byte[] bytes = body(in, n, file);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw new DatasetException(file + " is truncated: it ends before the size its header gives", e);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exactly {@code size} bytes, read in chunks: a header that lies about its size meets the end of the file
     * without first allocating what it claims.
     */
    private static byte[] body(DataInputStream in, long size, Path file) throws IOException {
        byte[] bytes = in.readNBytes((int) size);
        if (bytes.length < size) {
            throw new DatasetException(file + " is truncated: its header gives " + size + " bytes of data, it holds " + bytes.length);
        }
        return bytes;
    }

    private static int dimension(DataInputStream in, Path file) throws IOException {
        int d = in.readInt();
        if (d < 0) {
            throw new DatasetException(file + " has a negative dimension in its header");
        }
        return d;
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("data file not found: " + file);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new GZIPInputStream(raw, 1 << 16);
        }
        return new DataInputStream(raw);
    }
}
