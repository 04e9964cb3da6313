package org.explain4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.TinyNets;
import org.explain4j.core.question.ClassQuestion.WhyP;
import org.explain4j.core.question.ClassQuestion.WhyPRatherQ;
import org.explain4j.core.question.Question;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RunnerTest {

    private static final ExplainableModel MODEL = TinyNets.cnn(DataType.DOUBLE, 7, 5);
    private static final INDArray X = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), 5, 3, 8, 8).castTo(DataType.DOUBLE);

    private static Source source(int i) {
        return Source.of("x" + i, new ModelInput(X.get(NDArrayIndex.interval(i, i + 1)).dup(), null));
    }

    @Test
    void answersAreGroupedByInputAcrossBatchesAndEqualThoseOfOneCall() throws IOException {
        AttributionMethod method = MethodSpec.of("gradcam").withLayer("relu2").create(new GradientEngine(MODEL));
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sources.add(source(i));
        }
        sources.add(2, new Source() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public ModelInput load() {
                throw new InputException("broken: cannot read");
            }
        });
        MemorySink sink = new MemorySink();
        List<String> seen = new ArrayList<>();
        RunSummary summary = new Runner(method, QuestionPolicy.ClassContrasts.allClasses(), 2)
                .run(sources.iterator(), sink, (s, ok) -> seen.add(s.name() + (ok ? "" : "!")));
        assertEquals(5, summary.explained());
        assertEquals(List.of("broken: cannot read"), summary.skipped());
        assertEquals(List.of("x0", "x1", "broken!", "x2", "x3", "x4"), seen);
        List<SampleAnswers> answers = sink.answers();
        for (int i = 0; i < 5; i++) {
            SampleAnswers a = answers.get(i);
            assertEquals("x" + i, a.source().name());
            int p = a.forward().predicted(a.sample());
            List<Question> asked = a.explanations().stream().map(Explanation::question).toList();
            // "Why P?" then every other class, most likely first.
            assertEquals(new WhyP(p), asked.get(0));
            assertEquals(5, asked.size());
            int[] ranked = a.forward().ranked(a.sample());
            assertEquals(new WhyPRatherQ(p, ranked[1]), asked.get(1));
            // The same answer from one call on the sample alone.
            List<Explanation> alone = method.explain(X.get(NDArrayIndex.interval(i, i + 1)), List.of(asked.get(3)));
            assertEquals(0, alone.get(0).raw().sub(a.explanations().get(3).raw()).amaxNumber().doubleValue(), 1e-12);
        }
    }

    @Test
    void preBatchedInputsGetTheAnswersOfLoadedOnesAndANonFiniteRowIsSkipped() throws IOException {
        AttributionMethod method = MethodSpec.of("gradcam").withLayer("relu2").create(new GradientEngine(MODEL));
        INDArray x = X.dup();
        x.putScalar(new long[] {3, 0, 0, 0}, Double.NaN);
        List<Integer> asked = new ArrayList<>();
        Runner.Batches batches = new Runner.Batches() {
            @Override
            public int count() {
                return 5;
            }

            @Override
            public Source source(int i) {
                return Source.of("x" + i, null);
            }

            @Override
            public INDArray batch(int from, int to) {
                asked.add(from);
                return x.get(NDArrayIndex.interval(from, to)).dup();
            }
        };
        MemorySink sink = new MemorySink();
        RunSummary summary = new Runner(method, QuestionPolicy.ClassContrasts.predictedVsRunnerUp(), 2).run(batches, sink, (s, ok) -> { });
        assertEquals(List.of(0, 2, 4), asked, "one array per batch of 2");
        assertEquals(4, summary.explained());
        assertEquals(1, summary.skipped().size(), summary.skipped().toString());
        List<SampleAnswers> loaded = new Runner(method, QuestionPolicy.ClassContrasts.predictedVsRunnerUp(), 2)
                .run(List.of(source(0), source(1), source(2), source(4)));
        List<SampleAnswers> batched = sink.answers();
        assertEquals(List.of("x0", "x1", "x2", "x4"), batched.stream().map(a -> a.source().name()).toList());
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(0, loaded.get(i).explanations().get(k).raw().sub(batched.get(i).explanations().get(k).raw()).amaxNumber().doubleValue(), 1e-12);
            }
        }
    }

    @Test
    void aSourceMayBringItsOwnQuestions() {
        AttributionMethod method = MethodSpec.of("vanilla").create(new GradientEngine(MODEL));
        QuestionPolicy own = new QuestionPolicy.ClassContrasts(3, List.of(1), 0, true, true);
        List<SampleAnswers> a = new Runner(method, QuestionPolicy.ClassContrasts.predictedVsRunnerUp(), 4)
                .run(List.of(source(0), Source.of("own", source(1).load(), own)));
        assertEquals(2, a.get(0).explanations().size());
        assertEquals(List.of("why", "why-rather", "why-not-fully", "what-if-not"),
                a.get(1).explanations().stream().map(e -> e.question().facts().kind()).toList());
        assertEquals(3, (int) a.get(1).explanations().get(1).question().facts().p());
    }

    @Test
    void aRunSpecTravelsAsJson() {
        RunSpec spec = new RunSpec("models/signs.fb", null, null, null,
                new MethodSpec("smoothgrad:guided-backprop", null, 10, 0.2, null, null, null, 4L, 16),
                new QuestionPolicy.ClassContrasts(null, List.of(2, 5), 1, true, false), 8);
        String json = RunSpecs.toJson(spec);
        assertEquals(spec, RunSpecs.fromJson(json));
        RunSpec scores = new RunSpec("iqa.fb", null, null, null, MethodSpec.of("gradcam"),
                new QuestionPolicy.TargetScores(List.of("1", "0.25")), 1);
        assertEquals(scores, RunSpecs.fromJson(RunSpecs.toJson(scores)));
        assertThrows(IllegalArgumentException.class, () -> RunSpecs.fromJson("{\"policy\": 3"));
        assertThrows(IllegalArgumentException.class, () -> new QuestionPolicy.TargetScores(List.of("high")));
    }
}
