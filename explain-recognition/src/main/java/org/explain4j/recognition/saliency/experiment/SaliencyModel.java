package org.explain4j.recognition.saliency.experiment;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.attribution.MapViews;
import org.explain4j.core.question.ClassQuestion;
import org.explain4j.core.question.Question;
import org.explain4j.core.saliency.baseline.CenterBias;
import org.explain4j.core.saliency.baseline.SpectralResidual;
import org.explain4j.core.saliency.metrics.Grid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Something that draws a saliency map for each image of a batch [N, C, H, W], at the images' size. */
public sealed interface SaliencyModel {

    String name();

    List<Grid> maps(INDArray images);

    /**
     * An explanation method asked "Why P?" about the predicted class P of each image (for implicit saliency the
     * prediction is the expectation its conflicting labels contradict), shown as a person sees it: a layer map
     * ReLU'd and upsampled bilinearly, an input map as sum_c |a_c|, then scaled to [0, 1].
     */
    record Explained(String name, AttributionMethod method) implements SaliencyModel {
        @Override
        public List<Grid> maps(INDArray images) {
            Forward f = method.forward(images);
            List<Question> why = new ArrayList<>();
            for (int b = 0; b < f.batchSize(); b++) {
                why.add(new ClassQuestion.WhyP(f.predicted(b)));
            }
            List<Explanation> answers = method.explain(f, org.explain4j.core.attribution.Asked.onePerRow(f.batchSize(), why));
            int h = (int) images.size(2);
            int w = (int) images.size(3);
            List<Grid> out = new ArrayList<>(answers.size());
            for (Explanation e : answers) {
                out.add(Grid.of(MapViews.toDisplay(e, h, w).castTo(DataType.DOUBLE)));
            }
            return out;
        }
    }

    /** The centre bias: the same map for every image. */
    record CentreBias(CenterBias bias) implements SaliencyModel {
        @Override
        public String name() {
            return "centre bias";
        }

        @Override
        public List<Grid> maps(INDArray images) {
            Grid g = bias.map((int) images.size(2), (int) images.size(3));
            List<Grid> out = new ArrayList<>();
            for (int b = 0; b < images.size(0); b++) {
                out.add(g);
            }
            return out;
        }
    }

    /** Hou and Zhang's spectral residual on the grey image (the mean of the channels). */
    record SpectralResidualModel() implements SaliencyModel {
        @Override
        public String name() {
            return "spectral residual";
        }

        @Override
        public List<Grid> maps(INDArray images) {
            List<Grid> out = new ArrayList<>();
            for (int b = 0; b < images.size(0); b++) {
                out.add(SpectralResidual.map(Grid.of(images.slice(b).mean(0).castTo(DataType.DOUBLE))));
            }
            return out;
        }
    }
}
