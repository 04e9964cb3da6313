package org.explain4j.recognition.novelty.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.novelty.features.GradientFeatures;
import org.explain4j.core.novelty.features.SampleLoss;
import org.explain4j.core.novelty.score.SampleStatistics;
import org.explain4j.recognition.nets.GradConAutoencoder;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The scoring summarises gradients without forming them (norms by Gram matrices on the first two decoder layers,
 * where that is cheaper); its statistics must be those of the formed per-sample gradients.
 */
class AutoencoderScoringTest {

    @Test
    void statisticsEqualThoseOfTheFormedGradients() {
        SameDiff ae = GradConAutoencoder.build(1, 11, DataType.FLOAT);
        INDArray images = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5), 10, 1, 28, 28).castTo(DataType.FLOAT);
        GradientFeatures formed = new GradientFeatures(ae, GradConAutoencoder.INPUT, GradConAutoencoder.OUTPUT,
                SampleLoss.reconstruction(), 784, GradConAutoencoder.DECODER_WEIGHTS);
        GradientFeatures.Batch rows = formed.compute(images);
        // references near the images' own gradients, so that the cosines are far from 0 and a wrong dot shows
        List<INDArray> reference = new ArrayList<>();
        List<INDArray> mean = new ArrayList<>();
        for (String w : GradConAutoencoder.DECODER_WEIGHTS) {
            INDArray g = rows.site(w);
            double scale = g.norm2Number().doubleValue() / Math.sqrt(g.length());
            reference.add(g.getRow(0).add(Nd4j.randn(DataType.FLOAT, g.size(1)).muli(scale)));
            mean.add(g.sum(0).subi(g.getRow(3).mul(5)));
        }
        SampleStatistics fast = new AutoencoderScoring(ae, 1, reference, mean, 4).statistics(images, (d, t) -> { });
        SampleStatistics slow = SampleStatistics.of(rows, GradConAutoencoder.DECODER_WEIGHTS, reference, mean);
        double largest = 0;
        for (double[] c : slow.cosineToMean()) {
            for (double v : c) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        assertTrue(largest > 0.1, "references this close give cosines well away from 0: " + largest);
        assertEquals(10, fast.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(slow.loss()[i], fast.loss()[i], 1e-6 * slow.loss()[i]);
            for (int s = 0; s < 4; s++) {
                String at = GradConAutoencoder.DECODER_WEIGHTS.get(s) + " image " + i;
                assertEquals(slow.norm()[s][i], fast.norm()[s][i], 1e-4 * slow.norm()[s][i], at);
                assertEquals(slow.cosine()[s][i], fast.cosine()[s][i], 1e-4, at);
                assertEquals(slow.cosineToMean()[s][i], fast.cosineToMean()[s][i], 1e-4, at);
            }
        }
    }
}
