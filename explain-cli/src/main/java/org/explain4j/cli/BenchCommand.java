package org.explain4j.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.explain4j.recognition.bench.BenchmarkLine;
import org.explain4j.recognition.bench.ExplanationBenchmark;
import org.explain4j.recognition.bench.MethodBenchmark;
import org.explain4j.recognition.bench.NoveltyBenchmark;
import org.explain4j.recognition.bench.PeerBenchmark;

/** {@code explain bench}: the explanation-overhead ratios of BENCHMARKS.md, measured in one process. */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure explanation time / forward time (VGG16 and ResNet-18 shapes, 224x224, random weights)";
    }

    @Override
    public String footer() {
        return """
                Prints one Markdown table row per measurement. Each explanation (its own forward pass included)
                is timed alternately with a plain forward pass of the same network and batch, after warm-up;
                'ratio' is the median of the per-repetition ratios, the times are medians.
                Threads: set OMP_NUM_THREADS. Takes a few minutes on 2 cores.
                """;
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("warmup").hasArg().argName("N").desc("warm-up runs per measurement (default 2)").build());
        o.addOption(Option.builder().longOpt("reps").hasArg().argName("N").desc("timed runs per measurement, median quoted (default 5)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("N").desc("weights and input seed (default 42)").build());
        o.addOption(Option.builder().longOpt("methods")
                .desc("instead: every method's time / forward, and SmoothGrad / IG against n vanilla gradients").build());
        o.addOption(Option.builder().longOpt("implicit")
                .desc("only implicit saliency: 999 conflicting labels of one image, VGG16 and ResNet-18 (also part of the default run)").build());
        o.addOption(Option.builder().longOpt("peers")
                .desc("instead: absolute times of forward, Grad-CAM, 10 contrasts and a vanilla gradient on VGG16, ResNet-18 and "
                        + "ResNet-50 (batch 1; forward and Grad-CAM also batch 8), the rows scripts/bench-pytorch.py times").build());
        o.addOption(Option.builder().longOpt("novelty")
                .desc("instead: gradient features of MNIST test images (GradCON's autoencoder) against its forward pass").build());
        o.addOption(Option.builder().longOpt("images").hasArg().argName("N")
                .desc("--novelty: images (default 10000, the MNIST test set)").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("DIR")
                .desc("--novelty: MNIST folder (default data/mnist; seeded random images where absent)").build());
        o.addOption(Option.builder().longOpt("samples").hasArg().argName("N")
                .desc("--methods: SmoothGrad samples and IG steps (default 50)").build());
        o.addOption(Option.builder().longOpt("method-batch").hasArg().argName("N")
                .desc("--methods: rows per backward pass of the wrappers (default 10; VGG16's backward takes ~0.6 GB a row)").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = ExplainCli.parse(this, args);
        int warmup = Arguments.nonNegativeInt(line, "warmup", 2);
        int reps = Arguments.positiveInt(line, "reps", 5);
        long seed = Arguments.longValue(line, "seed", 42);
        if (line.hasOption("methods")) {
            return methods(line, warmup, reps, seed, out, err);
        }
        if (line.hasOption("novelty")) {
            return novelty(line, warmup, reps, seed, out, err);
        }
        if (line.hasOption("peers")) {
            return peers(warmup, reps, seed, out, err);
        }
        boolean implicitOnly = line.hasOption("implicit");
        List<BenchmarkLine> lines = new ExplanationBenchmark(warmup, reps, seed, s -> err.println("bench: " + s)).run(!implicitOnly);
        out.printf(Locale.ROOT, "explain bench%s --warmup %d --reps %d --seed %d; java %s; %s, %d cores%n%n",
                implicitOnly ? " --implicit" : "", warmup, reps, seed,
                System.getProperty("java.version"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        out.println("| network | task | batch | questions | explain, median (s) | forward, median (s) | median ratio | target | met |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (BenchmarkLine b : lines) {
            out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.2f | %s | %s |%n", b.network(), b.task(), b.batch(),
                    b.questions(), b.seconds(), b.forwardSeconds(), b.ratio(),
                    Double.isNaN(b.target()) ? "-" : String.format(Locale.ROOT, "<= %.1f", b.target()),
                    Double.isNaN(b.target()) ? "-" : b.meetsTarget() ? "yes" : "NO");
        }
        return ExplainCli.OK;
    }

    private static int novelty(CommandLine line, int warmup, int reps, long seed, PrintStream out, PrintStream err) {
        int images = Arguments.positiveInt(line, "images", 10_000);
        java.nio.file.Path dir = java.nio.file.Path.of(line.getOptionValue("data-dir", "data/mnist"));
        org.nd4j.linalg.api.ndarray.INDArray x;
        String source;
        if (java.nio.file.Files.isDirectory(dir)) {
            x = org.explain4j.datasets.idx.MnistFamily.MNIST.test(dir).images();
            source = "MNIST test images from " + dir;
        } else {
            x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.factory.Nd4j.getRandomFactory().getNewRandomInstance(seed),
                    images, 1, 28, 28).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            source = "seeded random images (no " + dir + ")";
        }
        if (x.size(0) < images) {
            throw new UsageException("--images " + images + ": the set has " + x.size(0));
        }
        x = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, images)).dup();
        err.printf(Locale.ROOT, "bench: gradient features vs forward, %d %s, batch 64, %d warm-up + %d timed passes each%n", images,
                source, warmup, reps);
        NoveltyBenchmark.Result r = new NoveltyBenchmark(warmup, reps, seed).run(x, 64);
        out.printf(Locale.ROOT, "explain bench --novelty --warmup %d --reps %d --images %d; %s; java %s; %s, %d cores%n%n", warmup, reps,
                images, source, System.getProperty("java.version"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "Warm-up: %d pairs (%d, then on until a pair without JIT compilation, at most %d more); %d timed pairs.%n%n",
                r.warmupPairs(), warmup, org.explain4j.core.bench.Stopwatch.MAX_SETTLE, reps);
        out.println("| task | images | batch | seconds, median | images/s | time / forward, median | target | met |");
        out.println("|---|---:|---:|---:|---:|---:|---|---|");
        out.printf(Locale.ROOT, "| forward (reconstruction) | %d | %d | %.2f | %.0f | 1 | | |%n", r.images(), r.batch(), r.forwardSeconds(),
                r.forwardRate());
        out.printf(Locale.ROOT, "| gradient features (4 decoder layers) | %d | %d | %.2f | %.0f | %.2f | <= 3 (rate >= 1/3) | %s |%n",
                r.images(), r.batch(), r.featureSeconds(), r.featureRate(), r.ratio(), r.ratio() <= 3 ? "yes" : "NO");
        return ExplainCli.OK;
    }

    private static int peers(int warmup, int reps, long seed, PrintStream out, PrintStream err) {
        out.printf(Locale.ROOT, "explain bench --peers --warmup %d --reps %d --seed %d; java %s; %s, %d cores, OMP_NUM_THREADS=%s%n%n",
                warmup, reps, seed, System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        out.printf(Locale.ROOT, "Warm-up: %d runs, then on until a run without JIT compilation (at most %d more).%n%n", warmup,
                org.explain4j.core.bench.Stopwatch.MAX_SETTLE);
        out.println("| network | batch | task | seconds, median | warm-up runs |");
        out.println("|---|---:|---|---:|---:|");
        new PeerBenchmark(warmup, reps, seed, s -> err.println("bench: " + s)).run(r -> {
            out.printf(Locale.ROOT, "| %s | %d | %s | %.4f | %d |%n", r.network(), r.batch(), r.task(), r.seconds(), r.warmupRuns());
            out.flush();
        });
        return ExplainCli.OK;
    }

    private static int methods(CommandLine line, int warmup, int reps, long seed, PrintStream out, PrintStream err) {
        int samples = Arguments.positiveInt(line, "samples", 50);
        int batch = Arguments.positiveInt(line, "method-batch", 10);
        out.printf(Locale.ROOT, "explain bench --methods --warmup %d --reps %d --seed %d --samples %d --method-batch %d; java %s; %s, %d cores%n%n",
                warmup, reps, seed, samples, batch, System.getProperty("java.version"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors());
        out.println("| network | method | questions | explain, median (s) | forward, median (s) | ratio to forward | ratio to n x vanilla | target | met |");
        out.println("|---|---|---:|---:|---:|---:|---:|---|---|");
        new MethodBenchmark(warmup, reps, seed, samples, batch, s -> err.println("bench: " + s)).run(b -> {
            out.printf(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %.2f | %s | %s | %s |%n", b.network(), b.method(), b.questions(),
                    b.seconds(), b.forwardSeconds(), b.ratio(),
                    Double.isNaN(b.perVanilla()) ? "-" : String.format(Locale.ROOT, "%.2f", b.perVanilla()),
                    Double.isNaN(b.target()) ? "-" : String.format(Locale.ROOT, "<= %.1f x %s", b.target(), b.targetOf()),
                    Double.isNaN(b.target()) ? "-" : b.meetsTarget() ? "yes" : "NO");
            out.flush();
        });
        return ExplainCli.OK;
    }
}
