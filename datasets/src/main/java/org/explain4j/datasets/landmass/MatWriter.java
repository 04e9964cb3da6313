package org.explain4j.datasets.landmass;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.explain4j.core.io.AtomicFiles;

/** Writes one 2-D double matrix as a MATLAB level 5 {@code .mat} (little-endian, uncompressed): LANDMASS's layout. */
public final class MatWriter {

    private MatWriter() {
    }

    public static void write(Path file, String name, float[][] m) throws IOException {
        int rows = m.length;
        int cols = m[0].length;
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        int namePadded = (nameBytes.length + 7) & ~7;
        int dataBytes = rows * cols * 8;
        int matrixBytes = 16 + 16 + 8 + namePadded + 8 + dataBytes;
        ByteBuffer b = ByteBuffer.allocate(128 + 8 + matrixBytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] text = String.format("%-116s", "MATLAB 5.0 MAT-file, written by explain4j").getBytes(StandardCharsets.US_ASCII);
        b.put(text, 0, 116).put(new byte[8]).putShort((short) 0x0100).put((byte) 'I').put((byte) 'M');
        b.putInt(14).putInt(matrixBytes);
        b.putInt(6).putInt(8).putInt(6).putInt(0);             // array flags: mxDOUBLE_CLASS
        b.putInt(5).putInt(8).putInt(rows).putInt(cols);        // dimensions
        b.putInt(1).putInt(nameBytes.length).put(nameBytes).put(new byte[namePadded - nameBytes.length]);
        b.putInt(9).putInt(dataBytes);
        for (int c = 0; c < cols; c++) {
            for (float[] row : m) {
                b.putDouble(row[c]);
            }
        }
        AtomicFiles.write(file, tmp -> java.nio.file.Files.write(tmp, b.array()));
    }
}
