import java.util.*;
import org.nd4j.autodiff.samediff.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.*;
/**
 * One SameDiff conv2d at a time, at the shapes of ResNet-50's convolutions (batch 1, stride 1, weights [k, k, in, out]),
 * NCHW against NHWC: median wall time of 15 calls after 5 warm-up calls, and the GFLOP/s it amounts to. Shows which
 * convolutions M2.1's oneDNN path runs slowly (docs/BENCHMARKS.md, "ResNet-50"). Run with the command line's class path:
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/ProfileConvShapes.java
 */
public class ProfileConvShapes {
  static double time(String fmt, int cin, int cout, int k, int hw) {
    SameDiff sd = SameDiff.create();
    boolean nhwc = fmt.equals("NHWC");
    SDVariable in = sd.placeHolder("in", DataType.FLOAT, nhwc ? new long[]{1, hw, hw, cin} : new long[]{1, cin, hw, hw});
    SDVariable w = sd.var("w", Nd4j.randn(DataType.FLOAT, k, k, cin, cout));
    SDVariable b = sd.var("b", Nd4j.zeros(DataType.FLOAT, cout));
    sd.cnn().conv2d("out", in, w, b, Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).pH(k/2).pW(k/2).paddingMode(PaddingMode.VALID).dataFormat(fmt).build());
    INDArray x = Nd4j.randn(DataType.FLOAT, nhwc ? new long[]{1, hw, hw, cin} : new long[]{1, cin, hw, hw});
    for (int i = 0; i < 5; i++) sd.output(Map.of("in", x), List.of("out"));
    double[] t = new double[15];
    for (int i = 0; i < t.length; i++) { long s = System.nanoTime(); sd.output(Map.of("in", x), List.of("out")); t[i] = (System.nanoTime()-s)/1e6; }
    Arrays.sort(t); return t[7];
  }
  public static void main(String[] a) {
    int[][] shapes = {{256,64,1,56},{64,64,3,56},{64,256,1,56},{512,128,1,28},{128,128,3,28},{1024,256,1,14},{256,256,3,14},{2048,512,1,7},{512,512,3,7}};
    for (int[] s : shapes) {
      double gflop = 2.0 * s[0] * s[1] * s[2] * s[2] * s[3] * s[3] / 1e9;
      double n = time("NCHW", s[0], s[1], s[2], s[3]), h = time("NHWC", s[0], s[1], s[2], s[3]);
      System.out.printf(Locale.ROOT, "%4d->%4d k%d %3dx%-3d  NCHW %7.2f ms (%5.1f GFLOP/s)  NHWC %7.2f ms (%5.1f GFLOP/s)%n", s[0], s[1], s[2], s[3], s[3], n, gflop / n * 1e3, h, gflop / h * 1e3);
    }
  }
}
