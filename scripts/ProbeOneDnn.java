import java.util.*;
import org.explain4j.core.gradient.*;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.*;
import org.explain4j.recognition.nets.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The oneDNN trunk (docs/METHODS.md 1.9) against SameDiff on one network, seed 42, 224x224: the forward pass
 * (ExplainableModel.forward against sameDiffForward, the explained layer and the logits, largest difference), then, at
 * batch 1 only, each ReLU rule's input gradient against SameDiff's whole backward (largest difference and row norm),
 * then five alternating rounds of five forwards each way and five input gradients. docs/BENCHMARKS.md quotes it:
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*" scripts/ProbeOneDnn.java resnet18|resnet50|vgg16 [batch]
 */
public class ProbeOneDnn {
  public static void main(String[] a) {
    String which = a.length > 0 ? a[0] : "resnet18";
    int batch = a.length > 1 ? Integer.parseInt(a[1]) : 1;
    ExplainableModel m = switch (which) {
      case "resnet50" -> ResNet50.build(1000, 42).withBatchNormFolded();
      case "vgg16" -> Vgg16.build(1000, 42);
      case "resnet18" -> ResNet18.build(1000, 42).withBatchNormFolded();
      default -> throw new IllegalArgumentException("resnet18, resnet50 or vgg16, not " + which);
    };
    String layer = switch (which) { case "resnet50" -> ResNet50.LAYER; case "vgg16" -> Vgg16.LAYER; default -> ResNet18.LAYER; };
    INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(42), new long[] {batch, 3, 224, 224}).castTo(DataType.FLOAT);
    List<String> vars = List.of(layer, m.outputVariable());
    Map<String, INDArray> fast = m.forward(x, vars);
    Map<String, INDArray> slow = m.sameDiffForward(x, vars);
    for (String v : vars) {
      System.out.printf("%s forward, %s %s: largest difference %.3g (largest value %.3g)%n", which, v,
          Arrays.toString(fast.get(v).shape()), fast.get(v).sub(slow.get(v)).amaxNumber().doubleValue(),
          slow.get(v).amaxNumber().doubleValue());
    }
    GradientEngine e = new GradientEngine(m);
    List<Question> qs = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      qs.add(new ClassQuestion.WhyP(i * 7));
    }
    if (batch == 1) {
      for (BackwardRule rule : BackwardRule.values()) {
        INDArray g = e.inputGradients(x, qs, rule);
        INDArray ref = e.compute(x, qs, List.of(m.inputVariable()), rule).gradient(m.inputVariable());
        INDArray d = g.sub(ref);
        System.out.printf("%s input gradient %s: largest difference %.3g of largest value %.3g; in norm %.3g%n", which, rule,
            d.amaxNumber().doubleValue(), ref.amaxNumber().doubleValue(), d.norm2Number().doubleValue() / ref.norm2Number().doubleValue());
      }
    }
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 5; i++) m.forward(x, vars);
      long t1 = System.nanoTime();
      for (int i = 0; i < 5; i++) m.sameDiffForward(x, vars);
      long t2 = System.nanoTime();
      for (int i = 0; i < 5; i++) e.inputGradients(x, qs, BackwardRule.PLAIN);
      long t3 = System.nanoTime();
      System.out.printf("%s batch %d, round %d: forward %.4f s (oneDNN) / %.4f s (SameDiff); vanilla input gradient %.4f s%n",
          which, batch, round + 1, (t1 - t0) / 5e9, (t2 - t1) / 5e9, (t3 - t2) / 5e9);
    }
  }
}
