import java.util.*;
import org.explain4j.core.attribution.*;
import org.explain4j.core.gradient.*;
import org.explain4j.core.model.*;
import org.explain4j.core.question.*;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * VGG16 input gradients by the hand-written chain (GradientEngine.inputGradients), batch 1, 224x224, seed 42: the
 * first call (which builds and checks the chain), then four alternating repetitions of a forward pass, a vanilla and
 * a guided-backprop gradient (the first also against SameDiff's own backward), then the time per row at 1, 2, 5 and
 * 10 rows, twice. docs/BENCHMARKS.md quotes it:
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*" scripts/ProbeVggInputGradient.java
 */
public class ProbeVggInputGradient {
  public static void main(String[] a) throws Exception {
    ExplainableModel m = Vgg16.build(1000, 42);
    GradientEngine e = new GradientEngine(m);
    INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(42), 1, 3, 224, 224).castTo(DataType.FLOAT);
    List<Question> q = List.of(new ClassQuestion.WhyP(1));
    long t = System.nanoTime();
    e.inputGradients(x, q, BackwardRule.PLAIN);
    System.out.printf("first call (builds and checks the chain) %.2f s%n", (System.nanoTime() - t) / 1e9);
    for (int r = 0; r < 4; r++) {
      long t0 = System.nanoTime(); m.forward(x, List.of("fc8")); long t1 = System.nanoTime();
      INDArray g1 = e.inputGradients(x, q, BackwardRule.PLAIN); long t2 = System.nanoTime();
      INDArray g2 = e.inputGradients(x, q, BackwardRule.GUIDED); long t3 = System.nanoTime();
      INDArray g0 = r == 0 ? e.compute(x, q, List.of("input"), BackwardRule.PLAIN).gradient("input") : null; long t4 = System.nanoTime();
      System.out.printf("forward %.3f s, chain vanilla %.3f s (%.2fx), guided %.3f s (%.2fx)%s%n", (t1-t0)/1e9, (t2-t1)/1e9, (double)(t2-t1)/(t1-t0), (t3-t2)/1e9, (double)(t3-t2)/(t1-t0),
        g0 == null ? "" : String.format(", SameDiff vanilla %.3f s, max |diff| %.3g of max %.3g", (t4-t3)/1e9, g0.sub(g1).amaxNumber().doubleValue(), g0.amaxNumber().doubleValue()));
    }
    for (int n : new int[] {1, 2, 5, 10, 1, 2, 5, 10}) {
      INDArray rows = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(42), n, 3, 224, 224).castTo(DataType.FLOAT);
      List<Question> qs = new ArrayList<>(); for (int i = 0; i < n; i++) qs.add(new ClassQuestion.WhyP(1));
      e.inputGradients(rows, qs, BackwardRule.PLAIN);
      long start = System.nanoTime();
      for (int r = 0; r < 3; r++) e.inputGradients(rows, qs, BackwardRule.PLAIN);
      System.out.printf("rows %d: %.3f s per row%n", n, (System.nanoTime() - start) / 3e9 / n);
    }
  }
}
