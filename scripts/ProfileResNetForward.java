import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.recognition.nets.ResNet18;
import org.nd4j.autodiff.listeners.profiler.ProfilingListener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a ResNet-18 forward pass's time goes in SameDiff 1.0.0-M2.1 (the project's own ResNet18, or an ONNX file
 * given as the argument; batch 1, 224x224, random weights): ten warm-up passes, the median wall time of ten more, then one pass under SameDiff's
 * ProfilingListener; prints the time per op type, its share of the summed op time, and the wall time not spent
 * inside any op (the framework's own work between ops). Run after a build (bin/explain builds one):
 *   java -cp "explain-cli/target/explain-cli.jar:explain-cli/target/lib/*" scripts/ProfileResNetForward.java [--folded | --resnet50 | MODEL.onnx]
 */
public class ProfileResNetForward {
    public static void main(String[] args) throws Exception {
        // No argument: the project's own ResNet18; a path: an ONNX file (e.g. torchvision's resnet18, exported).
        // --folded: the same with its batch norms folded, as a model file is opened for explaining.
        // --resnet50: the project's own ResNet-50, folded.
        boolean r50 = args.length > 0 && args[0].equals("--resnet50");
        boolean own = args.length == 0 || args[0].equals("--folded") || r50;
        ExplainableModel m = r50 ? org.explain4j.recognition.nets.ResNet50.build(1000, 42).withBatchNormFolded()
                : own ? ResNet18.build(1000, 42)
                : org.explain4j.core.imports.ModelFiles.open(java.nio.file.Path.of(args[0]), org.explain4j.core.model.ModelCard.empty(), null);
        if (args.length > 0 && args[0].equals("--folded")) {
            m = m.withBatchNormFolded();
        }
        SameDiff sd = m.graph();
        INDArray x = Nd4j.randn(DataType.FLOAT, 1, 3, 224, 224);
        List<String> out = List.of(m.outputVariable());
        for (int i = 0; i < 10; i++) {
            sd.output(Map.of(m.inputVariable(), x), out);
        }
        double[] walls = new double[10];
        for (int i = 0; i < walls.length; i++) {
            long s = System.nanoTime();
            sd.output(Map.of(m.inputVariable(), x), out);
            walls[i] = (System.nanoTime() - s) / 1e9;
        }
        java.util.Arrays.sort(walls);
        File trace = File.createTempFile("explain4j-profile", ".json");
        trace.delete(); // the listener insists on creating its file
        sd.setListeners(ProfilingListener.builder(trace).recordAll().warmup(0).build());
        long start = System.nanoTime();
        sd.output(Map.of(m.inputVariable(), x), out);
        double profiled = (System.nanoTime() - start) / 1e9;
        sd.setListeners();
        Thread.sleep(2000); // the listener writes its trace on a background thread
        String text = Files.readString(trace.toPath()).strip();
        if (!text.endsWith("]")) {
            text = text.replaceAll(",\\s*$", "") + "]";
        }
        Map<String, long[]> byType = new TreeMap<>();
        long total = 0;
        for (JsonNode e : new ObjectMapper().readTree(text)) {
            if (!e.has("dur")) {
                continue;
            }
            SameDiffOp op = sd.getOps().get(e.get("name").asText());
            String type = op == null ? e.get("name").asText() : op.getOp().opName();
            long[] t = byType.computeIfAbsent(type, k -> new long[2]);
            t[0] += e.get("dur").asLong();
            t[1]++;
            total += e.get("dur").asLong();
        }
        System.out.printf((r50 ? "explain4j ResNet-50, batch norm folded," : own ? "explain4j ResNet18" + (args.length > 0 ? ", batch norm folded," : "") : args[0]) + " forward, batch 1, 224x224: median wall %.4f s over %d passes; the profiled pass %.4f s,"
                + " of which %.4f s inside ops (%d op types, %d ops)%n%n", walls[walls.length / 2], walls.length, profiled,
                total / 1e6, byType.size(), byType.values().stream().mapToLong(v -> v[1]).sum());
        System.out.println("| op type | ms | calls | share of op time |\n|---|---:|---:|---:|");
        final long all = total;
        byType.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf("| %s | %.2f | %d | %.1f %% |%n", e.getKey(), e.getValue()[0] / 1000.0, e.getValue()[1],
                        100.0 * e.getValue()[0] / all));
    }
}
