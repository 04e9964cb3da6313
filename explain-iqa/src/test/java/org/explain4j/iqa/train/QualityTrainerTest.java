package org.explain4j.iqa.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.explain4j.datasets.iqa.Kadid10kReader;
import org.explain4j.datasets.iqa.QualitySample;
import org.explain4j.iqa.data.SyntheticQualitySet;
import org.explain4j.iqa.nets.Diqam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run end to end: synthetic set, split by reference, training, held-out SROCC and PLCC. */
class QualityTrainerTest {

    @TempDir
    Path dir;

    @Test
    void splitsByReferenceTrainsAndReportsAgreement() throws IOException {
        SyntheticQualitySet.write(dir, 3, 64, 64, 1, (d, t) -> { });
        List<QualitySample> samples = Kadid10kReader.read(dir);
        QualityTrainer.Result r = QualityTrainer.train(samples, mos -> (mos - 1) / 4,
                new QualityTrainer.Options(Diqam.Variant.WA_NR, 0.125, 1, 8, 1e-3, 0.34, 5), (e, b, n, loss) -> { });
        assertEquals(1, r.testReferences().size());
        assertEquals(40, r.heldOut().overall().images(), "the held-out reference's 40 distorted images");
        assertEquals(8, r.heldOut().perDistortion().size());
        assertFalse(Double.isNaN(r.heldOut().overall().srocc()));
        assertTrue(Math.abs(r.heldOut().overall().plcc()) <= 1);
        assertEquals(1, r.epochLoss().size());
    }
}
