import java.util.List;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.datasets.seismic.SeismicKind;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.explain4j.seismic.nets.SeismicNet;
import org.explain4j.seismic.section.SectionExplainer;
import org.explain4j.seismic.section.SectionQuestions;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where `seismic section`'s time goes on the bench's section (1000 x 500, stride 8, batch 32, "Why P?" and "rather
 * than salt dome"): the method's forward and explain calls timed inside the runner, the rest of the explained path,
 * and the classify-only baseline, five passes after two warm-ups; with the page faults each part took (minor faults
 * from /proc/self/stat: a page of fresh memory costs ~16 us on the build machine). docs/BENCHMARKS.md quotes it:
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*" scripts/ProfileSection.java
 */
public class ProfileSection {
    static long forward;
    static long explain;
    static long forwardFaults;
    static long explainFaults;

    /** This process's minor page faults so far (field 10 of /proc/self/stat). */
    static long faults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        ExplainableModel m = ShippedModel.load(SeismicNet.class, SeismicNet.SHIPPED_MODEL);
        AttributionMethod inner = MethodSpec.of("gradcam").create(new GradientEngine(m));
        AttributionMethod timed = new AttributionMethod() {
            public String name() { return inner.name(); }
            public ExplainableModel model() { return inner.model(); }
            public Forward forward(INDArray x) {
                long t = System.nanoTime();
                long pf = faults();
                Forward f = inner.forward(x);
                forward += System.nanoTime() - t;
                forwardFaults += faults() - pf;
                return f;
            }
            public List<Explanation> explain(Forward f, List<Asked> asked) {
                long t = System.nanoTime();
                long pf = faults();
                List<Explanation> e = inner.explain(f, asked);
                explain += System.nanoTime() - t;
                explainFaults += faults() - pf;
                return e;
            }
        };
        INDArray image = SectionExplainer.image(SyntheticSeismic.section(1000, 500, SeismicKind.FAULT, 1).amplitude());
        SectionExplainer explainer = new SectionExplainer(timed, 8, 32);
        SectionQuestions questions = new SectionQuestions(null, List.of(3), false);
        for (int pass = -2; pass < 5; pass++) {
            forward = 0;
            explain = 0;
            forwardFaults = 0;
            explainFaults = 0;
            long f0 = faults();
            long t0 = System.nanoTime();
            double inRunner = explainer.explain(image, questions, (d, t) -> { }).seconds();
            long t1 = System.nanoTime();
            long f1 = faults();
            explainer.classify(image);
            long t2 = System.nanoTime();
            long f2 = faults();
            if (pass >= 0) {
                System.out.printf("explained %.2f s = forward %.2f + Grad-CAM %.2f + the rest of the run %.2f + assembling the maps %.2f"
                        + " | classified %.2f s | ratio %.2f%n", (t1 - t0) / 1e9, forward / 1e9, explain / 1e9,
                        inRunner - (forward + explain) / 1e9, (t1 - t0) / 1e9 - inRunner, (t2 - t1) / 1e9, (double) (t1 - t0) / (t2 - t1));
                System.out.printf("    page faults: explained %d (forward %d, Grad-CAM %d, the rest %d) | classified %d%n", f1 - f0,
                        forwardFaults, explainFaults, f1 - f0 - forwardFaults - explainFaults, f2 - f1);
            }
        }
    }
}
