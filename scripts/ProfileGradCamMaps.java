import org.explain4j.core.cam.GradCam;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grad-CAM's raw maps per batch shape: {@code GradCam.rawMaps} (whichever route it takes) against ND4J's products
 * alone (one GEMM for one sample, libnd4j's batched matmul otherwise), alternately, after warm-up; float activations
 * [N, C, H, H] with q questions a sample. Where the heap route of rawMaps pays (GradCam.HEAP_CHANNELS):
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*" scripts/ProfileGradCamMaps.java
 */
public class ProfileGradCamMaps {
    public static void main(String[] args) {
        // {N, C, H, q}: a seismic section's batch first (twice: the first also warms the JIT), then VGG- and ResNet-like
        int[][] shapes = {{32, 32, 24, 2}, {32, 32, 24, 2}, {8, 512, 14, 1}, {32, 512, 7, 1}, {1, 512, 7, 1},
                {1, 512, 14, 1}, {16, 64, 28, 1}, {64, 128, 7, 1}};
        for (int[] s : shapes) {
            int n = s[0];
            int c = s[1];
            int h = s[2];
            int q = s[3];
            INDArray a = Nd4j.rand(DataType.FLOAT, n, c, h, h);
            INDArray w = Nd4j.rand(DataType.FLOAT, n * q, c);
            int[] sampleOf = new int[n * q];
            for (int k = 0; k < sampleOf.length; k++) {
                sampleOf[k] = k / q;
            }
            double routed = 0;
            double nd4j = 0;
            for (int rep = 0; rep < 10; rep++) {
                int reps = 300;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    GradCam.rawMaps(a, sampleOf, w);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    if (n == 1) {
                        Nd4j.gemm(w, a.slice(0).reshape(c, h * h), false, false).reshape(q, h, h);
                    } else {
                        Nd4j.matmul(w.reshape(n, q, c), a.reshape(n, c, h * h)).reshape(n * q, h, h);
                    }
                }
                long t2 = System.nanoTime();
                if (rep >= 6) {
                    routed += (t1 - t0) / 1e6 / reps / 4;
                    nd4j += (t2 - t1) / 1e6 / reps / 4;
                }
            }
            System.out.printf("N %d, C %d, %dx%d, %d question(s) a sample: rawMaps %.3f ms, ND4J's product %.3f ms%n",
                    n, c, h, h, q, routed, nd4j);
        }
    }
}
