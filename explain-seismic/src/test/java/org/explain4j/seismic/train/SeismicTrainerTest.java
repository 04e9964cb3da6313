package org.explain4j.seismic.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.explain4j.datasets.landmass.LandmassReader;
import org.explain4j.datasets.seismic.SyntheticSeismic;
import org.explain4j.seismic.nets.SeismicNet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SeismicTrainerTest {

    @TempDir
    Path dir;

    @Test
    void splitsTrainsAndReportsPerClass() throws Exception {
        SyntheticSeismic.writeLandmass(dir, 10, 2, (d, t) -> { });
        LandmassReader.Loaded data = LandmassReader.read(dir);
        SeismicTrainer.Result r = SeismicTrainer.train(data.data(), new SeismicTrainer.Options(2, 8, 1e-3, 0, 1), new org.explain4j.core.train.ClassifierTraining.Listener() {
            @Override
            public void batch(int epoch, int batch, int batches, double loss) {
                assertTrue(Double.isFinite(loss));
            }
        });
        assertEquals(8, r.test().total(), "20 % of 40 held out");
        assertEquals(3, r.validationSize());
        assertEquals(29, r.trainSize());
        int[][] c = r.test().confusion();
        int sum = 0;
        for (int[] row : c) {
            for (int v : row) {
                sum += v;
            }
        }
        assertEquals(8, sum);
        assertTrue(r.markdown().contains("| salt_dome |"), r.markdown());
        assertEquals(List.copyOf(LandmassReader.CLASSES), r.model().labels());
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, SeismicNet.SIDE, SeismicNet.SIDE);
        assertEquals(4, r.model().forward(x, List.of(SeismicNet.OUTPUT)).get(SeismicNet.OUTPUT).size(1));
        assertEquals(SeismicNet.LAYER, r.model().defaultLayer());
    }
}
