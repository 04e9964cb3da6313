package org.explain4j.iqa.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DiqamTest {

    @Test
    void fullWidthNoReferenceNetworkHasThePublishedShapes() {
        SameDiff sd = Diqam.build(Diqam.Variant.WA_NR, 1.0, 1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32);
        Map<String, INDArray> out = sd.output(Map.of(Diqam.INPUT, x), Diqam.LAYER, "features", Diqam.PATCH_SCORE, Diqam.PATCH_WEIGHT);
        assertArrayEquals(new long[] {2, 512, 2, 2}, out.get(Diqam.LAYER).shape());
        assertArrayEquals(new long[] {2, 512}, out.get("features").shape());
        assertArrayEquals(new long[] {2, 1}, out.get(Diqam.PATCH_SCORE).shape());
        assertTrue(out.get(Diqam.PATCH_WEIGHT).minNumber().doubleValue() >= 1e-6, "weights are ReLU + 1e-6");
    }

    @Test
    void fullReferenceBranchesShareTheirWeights() {
        SameDiff sd = Diqam.build(Diqam.Variant.FR, 0.25, 2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 3, 32, 32);
        Map<String, INDArray> out = sd.output(Map.of(Diqam.INPUT, x, Diqam.REFERENCE, x), "features", "ref_features", Diqam.PATCH_SCORE);
        // The same patch through both branches gives the same feature: one set of weights.
        assertEquals(out.get("features"), out.get("ref_features"));
        assertArrayEquals(new long[] {3, 1}, out.get(Diqam.PATCH_SCORE).shape());
        assertEquals(List.of(), sd.variables().stream().filter(v -> v.name().startsWith("ref_conv") && v.name().endsWith("_W")).toList());
    }
}
