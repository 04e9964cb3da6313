import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.recognition.nets.Vgg16;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one VGG16 (or, with --resnet50, ResNet-50) input gradient's time goes in SameDiff 1.0.0-M2.1: the gradient of logit 3 at the input
 * (batch 1, 224x224, random weights), run twice to warm up, then once under SameDiff's ProfilingListener;
 * prints the time per op type. Run after a build (bin/explain builds one):
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/ProfileInputGradient.java [--resnet50]
 */
public class ProfileInputGradient {
    public static void main(String[] args) throws Exception {
        // --resnet50: the project's ResNet-50 (batch norms folded), its ops summed by type.
        boolean r50 = args.length > 0 && args[0].equals("--resnet50");
        ExplainableModel m = r50 ? org.explain4j.recognition.nets.ResNet50.build(1000, 42).withBatchNormFolded() : Vgg16.build(1000, 42);
        SameDiff sd = m.graph().dup();
        SDVariable logit = sd.getVariable(m.outputVariable()).get(SDIndex.all(), SDIndex.point(3)).sum();
        sd.setLossVariables(logit.name());
        sd.createGradFunction(m.inputVariable());
        INDArray x = Nd4j.randn(DataType.FLOAT, 1, 3, 224, 224);
        for (int i = 0; i < 2; i++) {
            sd.calculateGradients(Map.of(m.inputVariable(), x), m.inputVariable());
        }
        File trace = File.createTempFile("explain4j-profile", ".json");
        trace.delete(); // the listener insists on creating its file
        sd.setListeners(ProfilingListener.builder(trace).recordAll().warmup(0).build());
        long start = System.nanoTime();
        sd.calculateGradients(Map.of(m.inputVariable(), x), m.inputVariable());
        double seconds = (System.nanoTime() - start) / 1e9;
        sd.setListeners();
        Thread.sleep(2000); // the listener writes its trace on a background thread
        String text = Files.readString(trace.toPath()).strip();
        if (!text.endsWith("]")) {
            text = text.replaceAll(",\\s*$", "") + "]";
        }
        Map<String, long[]> byOp = new TreeMap<>();
        for (JsonNode e : new ObjectMapper().readTree(text)) {
            if (e.has("dur")) {
                String name = e.get("name").asText();
                if (r50) {
                    var op = sd.getFunction("grad") != null && sd.getFunction("grad").getOps().containsKey(name)
                            ? sd.getFunction("grad").getOps().get(name) : sd.getOps().get(name);
                    name = op == null ? name : op.getOp().opName();
                }
                long[] t = byOp.computeIfAbsent(name, k -> new long[2]);
                t[0] += e.get("dur").asLong();
                t[1]++;
            }
        }
        System.out.printf("%s input gradient, batch 1: %.3f s wall%n%n| op%s | ms | calls |%n|---|---:|---:|%n", r50 ? "ResNet-50" : "VGG16",
                seconds, r50 ? " type" : "");
        byOp.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(12)
                .forEach(e -> System.out.printf("| %s | %.1f | %d |%n", e.getKey(), e.getValue()[0] / 1000.0, e.getValue()[1]));
    }
}
