package org.explain4j.recognition.novelty.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.explain4j.core.gradient.QuietStdout;
import org.explain4j.core.novelty.features.ReconstructionError;
import org.explain4j.core.train.Permutations;
import org.explain4j.core.train.TrainedWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.RampSchedule;

/**
 * Trains an autoencoder as GradCON does (Kwon et al., ECCV 2020; REFERENCE.md §2): loss = batch-mean MSE
 * + w x mean over the constrained (decoder) weights of -cos(dMSE/dW_i, ref_i), ref_i the running mean of the
 * total loss's gradient at W_i over every step (the constraint is off on the first step), Adam, the checkpoint
 * with the lowest validation loss kept.
 *
 * <p>The constraint's gradient needs the gradient of a gradient, which SameDiff M2.1 cannot build from its own
 * backward ({@code DeConv2DDerivative.doDiff} throws "Unable to take derivative of derivative";
 * {@code SecondOrderGapTest} shows it). Where the network is a chain of transposed convolutions, ReLUs and a sigmoid
 * from the constrained weights to the output (GradCON's decoder), {@link ExactConstraintGradient} writes the weight
 * gradients with forward ops and SameDiff differentiates the constraint through them: exact, in the network's own
 * precision. Elsewhere its gradient is H u, u = dc/dg (zero outside the constrained weights), H the
 * MSE's Hessian; H u is taken as the central difference (grad MSE(theta + eps u) - grad MSE(theta - eps u)) / 2 eps,
 * on the same batch: two extra backward passes a step. ReLU networks make this delicate: a step that moves any
 * pre-activation across zero adds a jump of the gradient divided by 2 eps. Measured on this autoencoder
 * ({@code HessianStepProbeTest}), steps of 1e-2 .. 1e-6 of the weights' norm gave H u wrong by factors of 43 to
 * 2,320 at up1_W; 1e-7 agreed with 1e-8 to 1.2e-7. float32 cannot resolve such a step, so the two extra passes run
 * in a double-precision build of the network with eps |u| = {@value #RELATIVE_STEP} x the constrained weights'
 * norm. A double pass costs about four float passes on a CPU, which is why the one-class experiment makes the
 * constraint opt-in.
 * <p>Without the constraint the same loop trains the plain autoencoder and still keeps the reference (scores
 * need it).
 */
public final class GradConTraining {

    static final double RELATIVE_STEP = 1e-7;

    /**
     * Hyper-parameters. GradCON's are batch 64, Adam 1e-3, weight 0.03 and no warm-up; {@link #gradcon} adds a
     * linear warm-up of the learning rate over {@value #WARMUP_STEPS} steps, because without it the autoencoder
     * collapses to a blank output on some MNIST classes — in PyTorch too (docs/NOVELTY.md,
     * scripts/gradcon-collapse-check.py).
     */
    public record Settings(int epochs, int batchSize, double learningRate, int warmupSteps, double constraintWeight,
                           boolean constrained, long seed) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || warmupSteps < 0 || !(constraintWeight >= 0)) {
                throw new IllegalArgumentException("epochs and batch size must be at least 1, the learning rate positive"
                        + " and the warm-up and constraint weight non-negative");
            }
        }

        public static Settings gradcon(int epochs, boolean constrained, long seed) {
            return new Settings(epochs, 64, 1e-3, WARMUP_STEPS, 0.03, constrained, seed);
        }
    }

    public static final int WARMUP_STEPS = 1000;

    /** One epoch's mean losses (total and MSE part) on the training and validation images. */
    public record Epoch(int epoch, double trainLoss, double trainMse, double validationLoss, double validationMse) {
    }

    /** The reference of the kept checkpoint, every epoch's losses and which epoch was kept (from 1). */
    public record Result(ReferenceGradient reference, List<Epoch> epochs, int bestEpoch) {
    }

    /** Called after every step. */
    @FunctionalInterface
    public interface Progress {
        void step(int epoch, int batch, int batches, double loss);
    }

    /** The MSE and its gradients at every trainable weight, for one batch. */
    record Step(double mse, Map<String, INDArray> gradients) {
    }

    private final SameDiff target;
    private final SameDiff graph;
    /** The constraint's exact gradient; null without the constraint or where the network does not allow it. */
    private final ExactConstraintGradient exact;
    /** The same network in double precision, for the Hessian-vector product; built on first use. */
    private SameDiff doubleGraph;
    private final Function<DataType, SameDiff> inPrecision;
    private final String output;
    private final String input;
    private final List<String> constrained;
    private final List<String> trainable = new ArrayList<>();
    private final Settings settings;

    /**
     * @param inPrecision builds the same network (any weights) in a given precision: the constraint's Hessian-vector
     *                    product runs in a double-precision build (a converted graph would keep float scalars in its
     *                    ops, which M2.1 then refuses to mix)
     */
    public GradConTraining(SameDiff autoencoder, Function<DataType, SameDiff> inPrecision, String input, String output,
                           List<String> constrained, Settings settings) {
        this.target = autoencoder;
        this.inPrecision = inPrecision;
        this.output = output;
        this.graph = autoencoder.dup();
        this.input = input;
        this.constrained = List.copyOf(constrained);
        this.settings = settings;
        for (SDVariable v : graph.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                trainable.add(v.name());
            }
        }
        for (String c : constrained) {
            if (!trainable.contains(c)) {
                throw new IllegalArgumentException("'" + c + "' is not a trainable weight");
            }
        }
        withLoss(graph);
        this.exact = settings.constrained()
                ? ExactConstraintGradient.build(target, input, output, this.constrained, trainable).orElse(null) : null;
    }

    /** Adds the batch-mean MSE ("mse") as the loss and builds the gradient function. */
    private void withLoss(SameDiff sd) {
        long[] shape = sd.getVariable(input).getShape();
        long values = Arrays.stream(shape, 1, shape.length).reduce(1, (a, b) -> a * b);
        SDVariable mse = ReconstructionError.graph(sd, sd.getVariable(output), sd.getVariable(input), values).mean("mse");
        sd.setLossVariables(mse.name());
        QuietStdout.run(() -> {
            sd.createGradFunction();
            return null;
        });
    }

    /** Trains on {@code train} [N, C, H, W] in [0, 1], keeps the best checkpoint on {@code validation}, writes it into the autoencoder. */
    public Result train(INDArray train, INDArray validation, Progress progress) {
        Map<String, GradientUpdater<?>> adam = new HashMap<>();
        for (String name : trainable) {
            INDArray w = graph.getVariable(name).getArr();
            Adam config = settings.warmupSteps() == 0 ? new Adam(settings.learningRate())
                    : new Adam(new RampSchedule(new FixedSchedule(settings.learningRate()), settings.warmupSteps()));
            adam.put(name, config.instantiate(Nd4j.zeros(w.dataType(), 1, config.stateSize(w.length())), true));
        }
        ReferenceGradient ref = new ReferenceGradient();
        Random rng = new Random(settings.seed());
        List<Epoch> epochs = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        Map<String, INDArray> bestWeights = new HashMap<>();
        ReferenceGradient bestRef = ref;
        int iteration = 0;
        int n = (int) train.size(0);
        int batches = (n + settings.batchSize() - 1) / settings.batchSize();
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
            int[] order = Permutations.of(n, rng);
            double lossSum = 0;
            double mseSum = 0;
            for (int b = 0; b < batches; b++) {
                long[] rows = Arrays.stream(Arrays.copyOfRange(order, b * settings.batchSize(),
                        Math.min(n, (b + 1) * settings.batchSize()))).asLongStream().toArray();
                INDArray x = train.get(NDArrayIndex.indices(rows)).castTo(graph.getVariable(input).dataType());
                Step s = gradients(x);
                Map<String, INDArray> total = s.gradients();
                double loss = s.mse();
                if (settings.constrained() && !ref.isEmpty()) {
                    List<INDArray> g = constrainedOf(total);
                    loss += settings.constraintWeight() * GradientConstraint.value(g, ref);
                    Map<String, INDArray> dc = constraintGradient(x, g, ref);
                    for (String name : trainable) {
                        total.get(name).addi(dc.get(name).muli(settings.constraintWeight()));
                    }
                }
                ref.update(constrainedOf(total));
                for (String name : trainable) {
                    INDArray update = total.get(name);
                    adam.get(name).applyUpdater(update, iteration, epoch - 1);
                    graph.getVariable(name).getArr().subi(update);
                }
                iteration++;
                lossSum += loss;
                mseSum += s.mse();
                progress.step(epoch, b + 1, batches, loss);
            }
            double[] val = validate(validation, ref);
            epochs.add(new Epoch(epoch, lossSum / batches, mseSum / batches, val[0], val[1]));
            if (val[0] < best) {
                best = val[0];
                bestEpoch = epoch;
                for (String name : trainable) {
                    bestWeights.put(name, graph.getVariable(name).getArr().dup());
                }
                bestRef = ref.copy();
            }
        }
        for (String name : trainable) {
            graph.getVariable(name).getArr().assign(bestWeights.get(name));
        }
        TrainedWeights.copy(graph, target);
        return new Result(bestRef, List.copyOf(epochs), bestEpoch);
    }

    /** The private training copy (tests perturb its weights). */
    SameDiff graph() {
        return graph;
    }

    List<INDArray> constrainedGradients(Map<String, INDArray> gradients) {
        return constrainedOf(gradients);
    }

    /** The MSE of a batch and its gradient at every trainable weight: one forward, one backward. */
    Step gradients(INDArray x) {
        return gradients(graph, x);
    }

    private Step gradients(SameDiff graph, INDArray x) {
        var r = graph.calculateGradientsAndOutputs(Map.of(input, x), List.of("mse"), trainable);
        // copies: the session may reuse its arrays on the next call
        Map<String, INDArray> g = new HashMap<>();
        r.getGradients().forEach((k, v) -> g.put(k, v.dup()));
        return new Step(r.getOutputs().get("mse").getDouble(0), g);
    }

    /**
     * dc/dtheta at every trainable weight: exact ({@link ExactConstraintGradient}) where the network allows it, else
     * H u with u = dc/dg.
     */
    Map<String, INDArray> constraintGradient(INDArray x, List<INDArray> g, ReferenceGradient ref) {
        if (exact == null) {
            return hessianTimes(x, GradientConstraint.direction(g, ref));
        }
        Map<String, INDArray> weights = new HashMap<>();
        for (String name : trainable) {
            weights.put(name, graph.getVariable(name).getArr());
        }
        return exact.of(x, ref, weights);
    }

    /** The exact route, or null (tests). */
    ExactConstraintGradient exact() {
        return exact;
    }

    /**
     * H u for u on the constrained weights (zero elsewhere): (grad(theta + eps u) - grad(theta - eps u)) / 2 eps,
     * the weights restored afterwards.
     */
    Map<String, INDArray> hessianTimes(INDArray x, List<INDArray> u) {
        return hessianTimes(x, u, RELATIVE_STEP);
    }

    Map<String, INDArray> hessianTimes(INDArray x, List<INDArray> u, double relativeStep) {
        SameDiff d = doublePrecision();
        double un = 0;
        double wn = 0;
        for (int i = 0; i < u.size(); i++) {
            un += Math.pow(u.get(i).norm2Number().doubleValue(), 2);
            wn += Math.pow(graph.getVariable(constrained.get(i)).getArr().norm2Number().doubleValue(), 2);
        }
        Map<String, INDArray> hu = new HashMap<>();
        if (un == 0) {
            for (String name : trainable) {
                hu.put(name, graph.getVariable(name).getArr().like());
            }
            return hu;
        }
        double eps = relativeStep * Math.sqrt(wn) / Math.sqrt(un);
        List<INDArray> ud = new ArrayList<>();
        for (INDArray ui : u) {
            ud.add(ui.castTo(DataType.DOUBLE));
        }
        INDArray xd = x.castTo(DataType.DOUBLE);
        shift(d, ud, eps);
        Map<String, INDArray> plus = gradients(d, xd).gradients();
        shift(d, ud, -2 * eps);
        Map<String, INDArray> minus = gradients(d, xd).gradients();
        for (String name : trainable) {
            hu.put(name, plus.get(name).subi(minus.get(name)).divi(2 * eps).castTo(graph.getVariable(name).dataType()));
        }
        return hu;
    }

    /** The double copy, its weights set to the training graph's current ones. */
    private SameDiff doublePrecision() {
        if (doubleGraph == null) {
            doubleGraph = inPrecision.apply(DataType.DOUBLE);
            withLoss(doubleGraph);
        }
        for (String name : trainable) {
            doubleGraph.getVariable(name).getArr().assign(graph.getVariable(name).getArr());
        }
        return doubleGraph;
    }

    private void shift(SameDiff d, List<INDArray> u, double by) {
        for (int i = 0; i < u.size(); i++) {
            d.getVariable(constrained.get(i)).getArr().addi(u.get(i).mul(by));
        }
    }

    private List<INDArray> constrainedOf(Map<String, INDArray> gradients) {
        List<INDArray> g = new ArrayList<>();
        for (String c : constrained) {
            g.add(gradients.get(c));
        }
        return g;
    }

    /** Mean total loss and mean MSE over validation batches, the constraint measured against {@code ref}. */
    private double[] validate(INDArray validation, ReferenceGradient ref) {
        int n = (int) validation.size(0);
        int batches = (n + settings.batchSize() - 1) / settings.batchSize();
        double loss = 0;
        double mse = 0;
        for (int b = 0; b < batches; b++) {
            INDArray x = validation.get(NDArrayIndex.interval(b * settings.batchSize(), Math.min(n, (b + 1) * settings.batchSize())))
                    .castTo(graph.getVariable(input).dataType());
            Step s = gradients(x);
            mse += s.mse();
            loss += s.mse() + (settings.constrained() && !ref.isEmpty()
                    ? settings.constraintWeight() * GradientConstraint.value(constrainedOf(s.gradients()), ref) : 0);
        }
        return new double[] {loss / batches, mse / batches};
    }
}
