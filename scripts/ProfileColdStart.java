import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.cam.CamExplainer;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.question.ClassQuestion;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the time to the first explanation goes, from a cold JVM: what `bin/explain core --model MODEL --input IMAGE`
 * does, stage by stage (ND4J's native start, opening the model, reading the image, the first forward pass, the first
 * Grad-CAM, a second one for comparison). Run with the command line's class path:
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/ProfileColdStart.java MODEL IMAGE
 * (the single-file source launcher compiles this file first, about 1 s, counted before "JVM up").
 */
public class ProfileColdStart {

    private static long last = System.nanoTime();

    private static void stage(String what) {
        long now = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "%-44s %7.3f s%n", what, (now - last) / 1e9);
        last = now;
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(java.util.Locale.ROOT, "%-44s %7.3f s%n", "JVM up (since the process started)",
                (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3);
        last = System.nanoTime();
        Nd4j.create(1);
        stage("ND4J backend loaded");
        ExplainableModel model = ModelFiles.open(Path.of(args[0]), null, null);
        stage("model opened (imported, probed, folded)");
        var input = new ModelInputs(model.inputShape(), model.card().preprocessing(), model.dataType()).load(Path.of(args[1]));
        stage("image read and preprocessed");
        CamExplainer cam = new CamExplainer(new GradientEngine(model), model.defaultLayer());
        Forward f = cam.forward(input.tensor());
        stage("first forward pass");
        cam.explain(f, List.of(new Asked(0, new ClassQuestion.WhyP(f.predicted(0)))));
        stage("first Grad-CAM");
        Forward g = cam.forward(input.tensor());
        cam.explain(g, List.of(new Asked(0, new ClassQuestion.WhyP(g.predicted(0)))));
        stage("second forward + Grad-CAM (compiles the oneDNN plan)");
    }
}
