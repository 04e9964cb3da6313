package org.explain4j.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Corrupt and hostile files, made the way a careless tool or an attacker would make them: headers that lie,
 * files cut short, types that are no numbers. Each reader of the project gets its own in {@link HostileInputTest}
 * and the byte flipping of {@link ReaderFuzzTest}.
 */
public final class HostileFiles {

    private HostileFiles() {
    }

    /** A version 1.0 .npy with the given header dictionary and data bytes, as they are, lies included. */
    public static Path npy(Path dir, String name, String dict, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        String padded = dict;
        while ((10 + padded.length() + 1) % 64 != 0) {
            padded += " ";
        }
        byte[] h = (padded + "\n").getBytes(StandardCharsets.ISO_8859_1);
        b.write(h.length & 0xff);
        b.write(h.length >> 8);
        b.write(h);
        b.write(data);
        return Files.write(dir.resolve(name), b.toByteArray());
    }

    public static String header(String descr, String order, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }";
    }

    /** {@code n} values of {@code fill} as little- or big-endian float32. */
    public static byte[] floats(int n, float fill, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(order);
        for (int i = 0; i < n; i++) {
            b.putFloat(fill + 0.01f * (i % 7));
        }
        return b.array();
    }

    public static byte[] png(int width, int height, long seed) throws IOException {
        return encode(noise(width, height, seed), "png");
    }

    static byte[] jpeg(int width, int height, long seed) throws IOException {
        return encode(noise(width, height, seed), "jpg");
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, format, b);
        return b.toByteArray();
    }

    /** Smooth noise, so that a JPEG of it has real content to cut. */
    static BufferedImage noise(int width, int height, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 255 / width + r.nextInt(40)) & 0xff;
                img.setRGB(x, y, v << 16 | ((y * 255 / height) & 0xff) << 8 | r.nextInt(256));
            }
        }
        return img;
    }

    /** A PNG that declares {@code width x height} in a valid IHDR chunk and has no pixel data at all. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        b.write(ByteBuffer.allocate(4).putInt(13).array());
        b.write(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        b.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return b.toByteArray();
    }

    static byte[] cut(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = HostileFiles.class.getResourceAsStream("/hostile/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /hostile/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** An IDX file's header (magic, then dimensions, big-endian) and {@code body} bytes. */
    static byte[] idx(int magic, int[] dims, int body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body).order(ByteOrder.BIG_ENDIAN);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** {@code count} random bytes of {@code bytes} replaced, or the file cut at a random point. */
    static byte[] flip(byte[] bytes, Random r) {
        if (bytes.length > 0 && r.nextInt(5) == 0) {
            return Arrays.copyOf(bytes, r.nextInt(bytes.length));
        }
        byte[] out = bytes.clone();
        int count = 1 + r.nextInt(8);
        for (int i = 0; i < count && out.length > 0; i++) {
            // Headers hold most of the structure: half the flips land in the first 128 bytes.
            int at = r.nextBoolean() ? r.nextInt(Math.min(128, out.length)) : r.nextInt(out.length);
            out[at] = (byte) r.nextInt(256);
        }
        return out;
    }

    /** An untrained one-channel novelty detector saved in {@code dir}: well-formed files to damage. */
    static Path noveltyDetector(Path dir) throws IOException {
        org.nd4j.autodiff.samediff.SameDiff ae = org.explain4j.recognition.nets.GradConAutoencoder.build(1, 5,
                org.nd4j.linalg.api.buffer.DataType.FLOAT);
        java.util.List<org.nd4j.linalg.api.ndarray.INDArray> refs = new java.util.ArrayList<>();
        for (String site : org.explain4j.recognition.nets.GradConAutoencoder.DECODER_WEIGHTS) {
            refs.add(org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, ae.getVariable(site).getArr().length()));
        }
        int k = 1 + 3 * refs.size();
        double[][] inverse = new double[k][k];
        for (int i = 0; i < k; i++) {
            inverse[i][i] = 1;
        }
        new org.explain4j.recognition.novelty.detector.NoveltyDetector(ae, new org.explain4j.recognition.novelty.detector.NoveltyDetector.Settings(
                "test", 1, 1, 0.12, org.explain4j.recognition.nets.GradConAutoencoder.DECODER_WEIGHTS, new double[k], inverse), refs, refs)
                .save(dir);
        return dir;
    }
}
