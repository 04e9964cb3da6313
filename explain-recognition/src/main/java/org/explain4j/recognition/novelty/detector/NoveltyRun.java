package org.explain4j.recognition.novelty.detector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.explain4j.core.io.InputException;
import org.explain4j.core.io.ModelInput;
import org.explain4j.core.io.ModelInputs;
import org.explain4j.core.io.PixelLimit;
import org.explain4j.core.model.Preprocessing;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.core.run.Source;
import org.explain4j.recognition.novelty.experiment.AutoencoderScoring;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores inputs with a saved {@link NoveltyDetector}: images (28x28 after resizing, [0,1], gray for a one-channel
 * detector) or {@code .npy} arrays [C,28,28], in batches of consecutive inputs (one forward and one backward each); an
 * unreadable input is reported with its reason and leaves its batch one short, never shifting the next batch, so a run
 * cut into pieces at batch boundaries (a Spark partition) scores every input with the same batch as the whole run.
 */
public final class NoveltyRun {

    /** One input's outcome: its gradient features and scores, or the reason it was not scored. */
    public record Scored(String input, String error, Double loss, Map<String, Double> scores, double[] norm, double[] cosine,
                         double[] cosineToMean) {
        public boolean scored() {
            return error == null;
        }
    }

    private final NoveltyDetector detector;
    private final AutoencoderScoring scoring;
    private final ModelInputs inputs;
    private final int batch;

    public NoveltyRun(NoveltyDetector detector, int batch, PixelLimit limit) {
        this.detector = detector;
        this.scoring = detector.scoring(batch);
        this.inputs = new ModelInputs(new long[]{detector.settings().channels(), 28, 28}, Preprocessing.unitRange(), DataType.FLOAT, limit);
        this.batch = batch;
    }

    /** How inputs are read: a source's loader may use it. */
    public ModelInputs inputs() {
        return inputs;
    }

    /** Every source's outcome, in order; {@code done} is told the count after each batch. */
    public List<Scored> score(List<? extends Source> sources, java.util.function.IntConsumer done) {
        List<Scored> out = new ArrayList<>();
        for (int start = 0; start < sources.size(); start += batch) {
            List<? extends Source> part = sources.subList(start, Math.min(sources.size(), start + batch));
            List<String> names = new ArrayList<>();
            List<INDArray> loaded = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (Source s : part) {
                try {
                    ModelInput in = s.load();
                    loaded.add(in.tensor());
                    names.add(s.name());
                } catch (InputException e) {
                    errors.put(s.name(), e.getMessage());
                }
            }
            List<Scored> scored = loaded.isEmpty() ? List.of() : scoreBatch(names, Nd4j.concat(0, loaded.toArray(INDArray[]::new)));
            int k = 0;
            for (Source s : part) {
                out.add(errors.containsKey(s.name()) ? new Scored(s.name(), errors.get(s.name()), null, null, null, null, null) : scored.get(k++));
            }
            done.accept(out.size());
        }
        return out;
    }

    private List<Scored> scoreBatch(List<String> names, INDArray x) {
        SampleStatistics stats = scoring.statistics(x, (d, n) -> { });
        Map<String, double[]> scores = detector.score(stats);
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Double> mine = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> e : scores.entrySet()) {
                mine.put(e.getKey(), e.getValue()[i]);
            }
            int row = i;
            double[] norm = new double[stats.sites().size()];
            double[] cosine = new double[norm.length];
            double[] toMean = new double[norm.length];
            for (int s = 0; s < norm.length; s++) {
                norm[s] = stats.norm()[s][row];
                cosine[s] = stats.cosine()[s][row];
                toMean[s] = stats.cosineToMean()[s][row];
            }
            out.add(new Scored(names.get(i), null, stats.loss()[i], mine, norm, cosine, toMean));
        }
        return out;
    }
}
