package org.explain4j.core.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** NumPy {@code .npy} files, read and written through ND4J, with errors a user can act on. */
public final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyFiles() {
    }

    public static INDArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("input file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(10);
            for (int i = 0; i < MAGIC.length; i++) {
                if (head.length < 10 || head[i] != MAGIC[i]) {
                    throw new InputException("not a .npy file (bad magic): " + file);
                }
            }
            int headerLen = (head[8] & 0xff) | ((head[9] & 0xff) << 8);
            String header = new String(new DataInputStream(in).readNBytes(headerLen), StandardCharsets.ISO_8859_1);
            if (header.contains("'fortran_order': True")) {
                throw new InputException("Fortran-ordered .npy is not supported (save with np.ascontiguousarray): " + file);
            }
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new InputException("cannot read " + file + " as .npy (" + e.getMessage() + ")", e);
        }
    }

    /** Writes an array as {@code .npy}, atomically. */
    public static void write(Path file, INDArray array) throws IOException {
        AtomicFiles.write(file, tmp -> Files.write(tmp, Nd4j.toNpyByteArray(array.dup('c'))));
    }
}
