import java.util.List;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.recognition.nets.ResNet18;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a method's time goes among oneDNN's primitives: runs one method (or the plain forward) on the bench's VGG16 or
 * ResNet-18 (224x224, batch 1, seed 42) five times to warm up, prints "=====MARK", then ten timed runs. Run with
 * oneDNN's own per-primitive log and aggregate it after a build (bin/explain builds one):
 *   ONEDNN_VERBOSE=1 java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" \
 *       scripts/ProfilePrimitives.java resnet18|vgg16 vanilla|guided-backprop|...|forward > log.txt
 *   python3 scripts/onednn-primitive-times.py log.txt
 */
public class ProfilePrimitives {
    public static void main(String[] args) {
        boolean vgg = args[0].equals("vgg16");
        ExplainableModel model = vgg ? Vgg16.build(1000, 42) : ResNet18.build(1000, 42).withBatchNormFolded();
        String layer = vgg ? Vgg16.LAYER : ResNet18.LAYER;
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(42), 1, 3, 224, 224).castTo(DataType.FLOAT);
        int p = model.forward(x, List.of(model.outputVariable())).get(model.outputVariable()).argMax(1).getInt(0);
        List<Question> q = List.of(new ClassQuestion.WhyP(p));
        boolean forward = args[1].equals("forward");
        AttributionMethod m = forward ? null
                : new MethodSpec(args[1], layer, 50, null, 50, null, null, 42L, 10).create(new GradientEngine(model));
        Runnable run = forward ? () -> model.forward(x, List.of(model.outputVariable())) : () -> m.explain(x, q);
        for (int i = 0; i < 5; i++) {
            run.run();
        }
        System.out.println("=====MARK");
        System.out.flush();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            run.run();
            System.out.printf("=====TIME %.4f%n", (System.nanoTime() - t) / 1e9);
            System.out.flush();
        }
    }
}
