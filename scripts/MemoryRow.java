import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.recognition.nets.ResNet18;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One row of `bin/explain bench` alone in its process, repeated, so that the process's peak resident memory is that
 * row's (docs/BENCHMARKS.md, "Memory"): vgg16-gradcam-8 (VGG16 Grad-CAM, batch 8, "Why P?" per image) or
 * resnet18-contrasts-1000 (ResNet-18, 1,000 "Why P, rather than Q?" about one image). Measure with GNU time:
 *   /usr/bin/time -v java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/MemoryRow.java ROW [REPEATS]
 */
public class MemoryRow {
    public static void main(String[] args) {
        String row = args[0];
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean vgg = row.equals("vgg16-gradcam-8");
        if (!vgg && !row.equals("resnet18-contrasts-1000")) {
            System.err.println("row: vgg16-gradcam-8 or resnet18-contrasts-1000");
            System.exit(2);
        }
        ExplainableModel model = vgg ? Vgg16.build(1000, 42) : ResNet18.build(1000, 42).withBatchNormFolded();
        CamExplainer cam = new CamExplainer(new GradientEngine(model), vgg ? Vgg16.LAYER : ResNet18.LAYER);
        int batch = vgg ? 8 : 1;
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(43), batch, 3, 224, 224).castTo(DataType.FLOAT);
        for (int r = 0; r < repeats; r++) {
            Forward f = cam.forward(x);
            List<Asked> asked = new ArrayList<>();
            if (vgg) {
                for (int b = 0; b < batch; b++) {
                    asked.add(new Asked(b, new ClassQuestion.WhyP(f.predicted(b))));
                }
            } else {
                int[] ranked = f.ranked(0);
                for (int i = 0; i < 1000; i++) {
                    asked.add(new Asked(0, new ClassQuestion.WhyPRatherQ(ranked[0], ranked[(i + 1) % ranked.length])));
                }
            }
            cam.explain(f, asked);
        }
        System.out.println(row + ": " + repeats + " repeats done");
    }
}
