import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG16's fc6 product [B, 25088] x [25088, 4096] two ways, in one process: INDArray.mmul (libnd4j's matmul op, which
 * SameDiff's mmul also runs) and Nd4j.gemm (BLAS directly), best of five after one warm-up, for B = 1, 2, 4, 10, 64.
 * Run after a build (bin/explain builds one):
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/ProfileDenseProduct.java
 */
public class ProfileDenseProduct {
    public static void main(String[] args) {
        INDArray w = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(1), new long[] {25088, 4096}).castTo(DataType.FLOAT);
        System.out.println("| batch | INDArray.mmul (ms) | Nd4j.gemm (ms) | largest relative difference |");
        System.out.println("|---:|---:|---:|---:|");
        for (int b : new int[] {1, 2, 4, 10, 64}) {
            INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(b), new long[] {b, 25088}).castTo(DataType.FLOAT);
            double mmul = Double.MAX_VALUE;
            double gemm = Double.MAX_VALUE;
            double diff = 0;
            for (int r = 0; r < 6; r++) {
                long t0 = System.nanoTime();
                INDArray viaMmul = x.mmul(w);
                long t1 = System.nanoTime();
                INDArray viaGemm = Nd4j.gemm(x, w, false, false);
                long t2 = System.nanoTime();
                if (r > 0) {
                    mmul = Math.min(mmul, (t1 - t0) / 1e6);
                    gemm = Math.min(gemm, (t2 - t1) / 1e6);
                }
                diff = viaMmul.sub(viaGemm).amaxNumber().doubleValue() / viaMmul.amaxNumber().doubleValue();
            }
            System.out.printf(java.util.Locale.ROOT, "| %d | %.1f | %.1f | %.1e |%n", b, mmul, gemm, diff);
        }
    }
}
