package org.explain4j.core.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.explain4j.core.attribution.Asked;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library's runner: inputs in, answers out, grouped by input. It loads {@code batchSize} inputs,
 * runs the method's forward pass once over them, asks the policy's questions about each, answers all of
 * them in one call of the method, and hands each input's answers to the sink in input order. An input
 * that cannot be loaded is skipped with its reason (reported in the summary), never the whole run.
 * Folder runs, figures and the deletion test go through it; so will a distributed job.
 */
public final class Runner {

    /** Told after each input, explained or skipped. */
    @FunctionalInterface
    public interface Listener {
        void done(Source source, boolean explained);
    }

    private final AttributionMethod method;
    private final QuestionPolicy policy;
    private final int batchSize;
    private final long memoryBytes;

    /** {@code policy} may be null when every source brings its own questions. */
    public Runner(AttributionMethod method, QuestionPolicy policy, int batchSize) {
        this(method, policy, batchSize, MemoryBudget.DEFAULT_BYTES);
    }

    /** With the {@link MemoryBudget} the run keeps between batches (a streaming caller may promise less). */
    public Runner(AttributionMethod method, QuestionPolicy policy, int batchSize, long memoryBytes) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.method = method;
        this.policy = policy;
        this.batchSize = batchSize;
        this.memoryBytes = memoryBytes;
    }

    public AttributionMethod method() {
        return method;
    }

    public RunSummary run(Iterator<? extends Source> sources, AnswerSink sink, Listener listener) throws IOException {
        long start = System.nanoTime();
        List<String> skipped = new ArrayList<>();
        int explained = 0;
        MemoryBudget memory = new MemoryBudget(memoryBytes);
        while (sources.hasNext()) {
            List<Source> batch = new ArrayList<>();
            List<ModelInput> inputs = new ArrayList<>();
            // A batch is the next batchSize sources, less the unreadable ones (not refilled): which inputs share a batch
            // then depends on their positions alone, and a batch's size changes the kernels' float rounding, so a run cut
            // into pieces at batch boundaries (a Spark partition) gives the very bytes of the whole run.
            for (int taken = 0; sources.hasNext() && taken < batchSize; taken++) {
                Source s = sources.next();
                try {
                    inputs.add(s.load());
                    batch.add(s);
                } catch (InputException e) {
                    skipped.add(e.getMessage());
                    listener.done(s, false);
                }
            }
            if (inputs.isEmpty()) {
                continue;
            }
            INDArray x = Nd4j.concat(0, inputs.stream().map(ModelInput::tensor).toArray(INDArray[]::new));
            explained += answer(batch, x, inputs, sink, listener, skipped);
            memory.settle();
        }
        return new RunSummary(explained, List.copyOf(skipped), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Inputs that come already cut into batches, such as a section's sliding windows: the runner asks for one array
     * per batch instead of loading and concatenating one input at a time (for thousands of small inputs, the
     * per-input arrays cost more than the explanation). Nothing can fail to load; answers carry no {@link ModelInput}.
     */
    public interface Batches {

        /** How many inputs. */
        int count();

        /** Input {@code i}'s name and questions. */
        Source source(int i);

        /** Inputs [from, to) as one array [to - from, ...input shape]. */
        INDArray batch(int from, int to);
    }

    /** Runs pre-batched inputs ({@link Batches}), {@code batchSize} at a time. */
    public RunSummary run(Batches inputs, AnswerSink sink, Listener listener) throws IOException {
        long start = System.nanoTime();
        List<String> skipped = new ArrayList<>();
        int explained = 0;
        MemoryBudget memory = new MemoryBudget(memoryBytes);
        for (int from = 0; from < inputs.count(); from += batchSize) {
            int to = Math.min(inputs.count(), from + batchSize);
            List<Source> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(inputs.source(i));
            }
            explained += answer(batch, inputs.batch(from, to), null, sink, listener, skipped);
            memory.settle();
        }
        return new RunSummary(explained, List.copyOf(skipped), (System.nanoTime() - start) / 1e9);
    }

    /** Runs the given inputs (no loading errors possible) and returns every input's answers, in order. */
    public List<SampleAnswers> run(List<? extends Source> sources) {
        MemorySink memory = new MemorySink();
        try {
            run(sources.iterator(), memory, (s, ok) -> { });
        } catch (IOException e) {
            throw new IllegalStateException("a memory sink does not write", e);
        }
        return memory.answers();
    }

    /** {@code inputs} (one per row of {@code x}) may be null for pre-batched inputs. */
    private int answer(List<Source> batch, INDArray x, List<ModelInput> inputs, AnswerSink sink, Listener listener, List<String> skipped)
            throws IOException {
        Forward forward = method.forward(x);
        boolean[] broken = nonFinite(forward.output());
        List<Source> keptSources = new ArrayList<>();
        List<ModelInput> keptInputs = inputs == null ? null : new ArrayList<>();
        List<Long> keptRows = new ArrayList<>();
        for (int b = 0; b < batch.size(); b++) {
            if (broken[b]) {
                skipped.add(batch.get(b).name() + ": the model's output is NaN or infinite for this input (nothing to explain)");
                listener.done(batch.get(b), false);
            } else {
                keptSources.add(batch.get(b));
                keptRows.add((long) b);
                if (inputs != null) {
                    keptInputs.add(inputs.get(b));
                }
            }
        }
        if (keptSources.size() < batch.size()) {
            // Rare: the others are run again without it, so that no answer is computed from a broken forward.
            return keptSources.isEmpty() ? 0 : answer(keptSources,
                    x.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(keptRows.stream().mapToLong(Long::longValue).toArray())),
                    keptInputs, sink, listener, skipped);
        }
        List<Asked> asked = new ArrayList<>();
        int[] first = new int[batch.size() + 1];
        for (int b = 0; b < batch.size(); b++) {
            first[b] = asked.size();
            QuestionPolicy own = batch.get(b).policy();
            for (Question q : (own != null ? own : policy).questions(forward, b)) {
                asked.add(new Asked(b, q));
            }
        }
        first[batch.size()] = asked.size();
        List<Explanation> answers = method.explain(forward, asked);
        for (int b = 0; b < batch.size(); b++) {
            List<Explanation> mine = answers.subList(first[b], first[b + 1]);
            for (Explanation e : mine) {
                if (e.sample() != b) {
                    throw new IllegalStateException(method.name() + " returned an answer about sample " + e.sample() + " among sample " + b + "'s");
                }
            }
            sink.accept(new SampleAnswers(batch.get(b), inputs == null ? null : inputs.get(b), forward, b, List.copyOf(mine)));
            listener.done(batch.get(b), true);
        }
        return batch.size();
    }

    /** Rows of the output holding a NaN or an infinity; a model's output is small, so it is checked on the heap. */
    private static boolean[] nonFinite(INDArray output) {
        int rows = (int) output.size(0);
        double[] v = output.reshape(rows, -1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        int per = v.length / rows;
        boolean[] broken = new boolean[rows];
        for (int i = 0; i < v.length; i++) {
            broken[i / per] |= !Double.isFinite(v[i]);
        }
        return broken;
    }
}
