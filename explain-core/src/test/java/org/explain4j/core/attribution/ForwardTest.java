package org.explain4j.core.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.explain4j.core.model.OutputKind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ForwardTest {

    @Test
    void outputRowsAreEachSamplesRowAsOutputRowReadsIt() {
        INDArray logits = Nd4j.createFromArray(new float[][] {{0.5f, -1.25f, 3f}, {2f, 0f, -0.75f}});
        for (INDArray out : new INDArray[] {logits, logits.castTo(DataType.DOUBLE), logits.reshape(2, 3, 1, 1), logits.transpose().dup().transpose()}) {
            Forward f = Forward.ofOutput(Nd4j.zeros(DataType.FLOAT, 2, 1), out, OutputKind.LOGITS);
            double[][] rows = f.outputRows();
            assertEquals(2, rows.length);
            for (int b = 0; b < 2; b++) {
                assertArrayEquals(f.outputRow(b), rows[b], 0.0);
            }
            assertArrayEquals(new double[] {2, 0, -0.75}, rows[1], 0.0);
        }
    }
}
