import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What fresh memory costs on this machine, against memory already touched: the reason the ONNX importer maps model
 * files and writes each weight once (docs/BENCHMARKS.md, time to the first explanation). For FILE (a model file, read
 * three times): mapping it and touching every page, reading it into a byte array, a fresh native ND4J array of the
 * same size filled once and then again. Run with the command line's class path:
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/ProfileFreshMemory.java FILE
 */
public class ProfileFreshMemory {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Nd4j.create(1);
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long sum = 0;
            long size;
            try (FileChannel ch = FileChannel.open(file)) {
                size = ch.size();
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
                for (int i = 0; i < m.limit(); i += 4096) {
                    sum += m.get(i);
                }
            }
            long t1 = System.nanoTime();
            byte[] bytes = Files.readAllBytes(file);
            long t2 = System.nanoTime();
            INDArray a = Nd4j.createUninitialized(DataType.FLOAT, size / 4);
            a.assign(1);
            long t3 = System.nanoTime();
            a.assign(2);
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%.1f MB: mapped and touched %.3f s, read into a byte array %.3f s, "
                            + "fresh native array filled %.3f s, filled again %.3f s (%d)%n", size / 1e6, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, sum + bytes.length);
        }
    }
}
