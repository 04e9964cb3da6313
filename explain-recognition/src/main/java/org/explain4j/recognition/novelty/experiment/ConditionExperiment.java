package org.explain4j.recognition.novelty.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.explain4j.core.metrics.Detection;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.novelty.score.NoveltyScore;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.core.train.Permutations;
import org.explain4j.datasets.curetsr.CureTsrName;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.explain4j.recognition.novelty.train.GradConTraining;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Novel conditions on traffic signs (the group's CURE-TSR experiment): an autoencoder trained on challenge-free signs,
 * then, for each challenge type and level, clean test signs (inliers) against challenged ones (novel), scored by the
 * activation baselines (reconstruction error; the classifier's maximum softmax probability, 1 - max p) and by the
 * gradient scores. A learned head (logistic regression on per-layer gradient statistics, as the group's MLP) needs
 * labelled challenged signs: within the clean test signs and within each challenge type and level, it is fitted on
 * the images at even positions, and every score is measured on those at odd positions, so no score is judged on
 * images the head saw.
 */
public final class ConditionExperiment {

    public static final List<String> SCORES = List.of("reconstruction", "max-softmax", "gradient-cosine", "gradcon",
            "inlier-cosine", "gradient-norm", "mahalanobis", "learned-head");

    public record Settings(int epochs, boolean constrained, double gradconWeight, long seed) {
    }

    /** AUROC per score for one challenge type and level, with the novel images it used. */
    public record Cell(int challenge, int level, int novelImages, Map<String, Detection> byScore) {
    }

    public record Result(List<Cell> cells, Map<String, Detection> allChallenges, GradConTraining.Result training,
                         int trainImages, int cleanTestImages) {
    }


    private final Settings settings;

    public ConditionExperiment(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param clean      challenge-free training images [N, 3, 28, 28]
     * @param cleanTest  challenge-free test images
     * @param challenged challenged test images, {@code names} giving each one's type and level
     * @param classifier the sign classifier for the max-softmax baseline
     */
    public Result run(INDArray clean, INDArray cleanTest, INDArray challenged, List<CureTsrName> names, ExplainableModel classifier,
                      NoveltyProgress progress) {
        int n = (int) clean.size(0);
        int[] order = Permutations.of(n, new Random(settings.seed()));
        int val = Math.max(1, n / 10);
        INDArray validation = rows(clean, java.util.Arrays.copyOfRange(order, 0, val));
        INDArray train = rows(clean, java.util.Arrays.copyOfRange(order, val, n));
        SameDiff ae = GradConAutoencoder.build(3, settings.seed(), DataType.FLOAT);
        GradConTraining.Result trained = new GradConTraining(ae, t -> GradConAutoencoder.build(3, 0, t), GradConAutoencoder.INPUT,
                GradConAutoencoder.OUTPUT, GradConAutoencoder.DECODER_WEIGHTS,
                GradConTraining.Settings.gradcon(settings.epochs(), settings.constrained(), settings.seed()))
                .train(train, validation, (e, b, nb, l) -> progress.training(e, settings.epochs(), b, nb, l));
        int trainN = (int) train.size(0);
        int total = trainN + (int) (validation.size(0) + cleanTest.size(0) + challenged.size(0));
        AutoencoderScoring scoring = new AutoencoderScoring(ae, 3, trained.reference(), train, 64, (d, t) -> progress.scoring(d, total));
        SampleStatistics valStats = scoring.statistics(validation, (d, t) -> progress.scoring(trainN + d, total));
        SampleStatistics cleanStats = scoring.statistics(cleanTest, (d, t) -> progress.scoring(trainN + valStats.size() + d, total));
        SampleStatistics hardStats = scoring.statistics(challenged,
                (d, t) -> progress.scoring(trainN + valStats.size() + cleanStats.size() + d, total));
        double[] cleanSoft = oneMinusMaxSoftmax(classifier, cleanTest);
        double[] hardSoft = oneMinusMaxSoftmax(classifier, challenged);

        int[] cleanEven = parity(cleanStats.size(), 0);
        int[] cleanOdd = parity(cleanStats.size(), 1);
        Map<Integer, List<Integer>> byCell = new java.util.TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            byCell.computeIfAbsent(names.get(i).challengeType() * 10 + names.get(i).level(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> hardEven = new ArrayList<>();
        for (List<Integer> members : byCell.values()) {
            for (int j = 0; j < members.size(); j += 2) {
                hardEven.add(members.get(j));
            }
        }
        SampleStatistics fit = cleanStats.rows(cleanEven).append(hardStats.rows(hardEven.stream().mapToInt(Integer::intValue).toArray()));
        boolean[] fitNovel = new boolean[fit.size()];
        for (int i = cleanEven.length; i < fitNovel.length; i++) {
            fitNovel[i] = true;
        }
        List<NoveltyScore> scores = List.of(new NoveltyScore.Reconstruction(), new NoveltyScore.GradientCosine(),
                new NoveltyScore.GradCon(settings.gradconWeight()), new NoveltyScore.InlierCosine(), new NoveltyScore.GradientNorm(),
                NoveltyScore.Mahalanobis.fit(valStats), NoveltyScore.LearnedHead.fit(fit, fitNovel, 500));

        List<Cell> cells = new ArrayList<>();
        List<Integer> allOdd = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : byCell.entrySet()) {
            int challenge = e.getKey() / 10;
            int level = e.getKey() % 10;
            if (challenge < 1) {
                continue; // a challenge-free image in the challenge folder is not novel
            }
            List<Integer> members = new ArrayList<>();
            for (int j = 1; j < e.getValue().size(); j += 2) {
                members.add(e.getValue().get(j));
            }
            if (members.isEmpty()) {
                continue;
            }
            allOdd.addAll(members);
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            cells.add(new Cell(challenge, level, m.length, detect(scores, cleanStats, cleanOdd, cleanSoft, hardStats, m, hardSoft)));
        }
        Map<String, Detection> all = detect(scores, cleanStats, cleanOdd, cleanSoft, hardStats,
                allOdd.stream().mapToInt(Integer::intValue).sorted().toArray(), hardSoft);
        return new Result(cells, all, trained, (int) train.size(0), (int) cleanTest.size(0));
    }

    private static Map<String, Detection> detect(List<NoveltyScore> scores, SampleStatistics clean, int[] cleanRows,
                                                 double[] cleanSoft, SampleStatistics hard, int[] hardRows, double[] hardSoft) {
        SampleStatistics both = clean.rows(cleanRows).append(hard.rows(hardRows));
        boolean[] novel = new boolean[both.size()];
        for (int i = cleanRows.length; i < novel.length; i++) {
            novel[i] = true;
        }
        Map<String, double[]> values = new LinkedHashMap<>();
        for (NoveltyScore s : scores) {
            values.put(s.name(), s.of(both));
        }
        double[] soft = new double[both.size()];
        for (int i = 0; i < cleanRows.length; i++) {
            soft[i] = cleanSoft[cleanRows[i]];
        }
        for (int i = 0; i < hardRows.length; i++) {
            soft[cleanRows.length + i] = hardSoft[hardRows[i]];
        }
        values.put("max-softmax", soft);
        Map<String, Detection> by = new LinkedHashMap<>();
        for (String name : SCORES) {
            by.put(name, Detection.of(values.get(name), novel));
        }
        return by;
    }

    private static double[] oneMinusMaxSoftmax(ExplainableModel classifier, INDArray images) {
        int n = (int) images.size(0);
        double[] out = new double[n];
        for (int s = 0; s < n; s += 256) {
            INDArray x = images.get(NDArrayIndex.interval(s, Math.min(n, s + 256))).castTo(classifier.dataType());
            INDArray z = classifier.forward(x, List.of(classifier.outputVariable())).get(classifier.outputVariable());
            INDArray p = classifier.outputKind() == org.explain4j.core.model.OutputKind.PROBABILITIES
                    ? z.castTo(DataType.DOUBLE) : Nd4j.nn().softmax(z.castTo(DataType.DOUBLE), 1);
            INDArray max = p.max(1);
            for (int i = 0; i < max.length(); i++) {
                out[s + i] = 1 - max.getDouble(i);
            }
        }
        return out;
    }

    private static int[] parity(int n, int p) {
        int[] r = new int[(n + 1 - p) / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = 2 * i + p;
        }
        return r;
    }

    private static INDArray rows(INDArray x, int[] rows) {
        return x.get(NDArrayIndex.indices(java.util.Arrays.stream(rows).asLongStream().toArray())).dup();
    }
}
