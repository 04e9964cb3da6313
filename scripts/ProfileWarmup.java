import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.recognition.nets.ResNet18;
import org.explain4j.recognition.nets.ResNet50;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why the side-by-side bench warms explain4j's rows up until the JIT is quiet (Stopwatch.settledMedian,
 * scripts/bench-side-by-side.sh): a batch-1 forward of a fresh
 * ResNet (batch norms folded, as PeerBenchmark builds it), pass by pass, with the time the JVM's JIT compilers spent
 * compiling during the pass (CompilationMXBean, summed over compiler threads) and the collectors' time. Pass 0 runs
 * SameDiff, pass 1 compiles the oneDNN plan; on 2 cores a busy compiler thread takes one of the two cores the plan's
 * kernels run on.
 *     mvn -q -DskipTests install
 *     java -cp "explain-cli/target/lib/*" scripts/ProfileWarmup.java [resnet18|resnet50] [passes]
 */
public class ProfileWarmup {

    public static void main(String[] args) {
        boolean r50 = args.length == 0 || !args[0].equals("resnet18");
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        ExplainableModel model = (r50 ? ResNet50.build(1000, 42) : ResNet18.build(1000, 42)).withBatchNormFolded();
        INDArray x = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(43), 1, 3, 224, 224).castTo(DataType.FLOAT);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        System.out.println((r50 ? "ResNet-50" : "ResNet-18") + ", batch 1 forward");
        for (int i = 0; i < passes; i++) {
            long compiling = jit.getTotalCompilationTime();
            long collecting = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            long t = System.nanoTime();
            model.forward(x, List.of(model.outputVariable()));
            double ms = (System.nanoTime() - t) / 1e6;
            System.out.printf("pass %d: %.1f ms, JIT compiling %d ms, collecting %d ms%n", i, ms,
                    jit.getTotalCompilationTime() - compiling,
                    gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - collecting);
        }
    }
}
