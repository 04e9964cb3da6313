package org.explain4j.recognition.novelty.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.explain4j.datasets.LabelledImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The protocol's splits on images that carry their own id (pixel 0) and class (pixel 1). */
class OneClassSplitTest {

    private static final List<String> TEN = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private static LabelledImages tagged(int n, int firstId) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 1, 28, 28);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 10;
            x.putScalar(new long[] {i, 0, 0, 0}, firstId + i);
            x.putScalar(new long[] {i, 0, 0, 1}, labels[i]);
        }
        return new LabelledImages(x, labels, TEN);
    }

    private static Set<Integer> ids(INDArray x) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < x.size(0); i++) {
            assertTrue(s.add((int) x.getFloat(i, 0, 0, 0)), "an image appears twice");
        }
        return s;
    }

    private static int classOf(INDArray x, int row) {
        return (int) x.getFloat(row, 0, 0, 1);
    }

    @Test
    void heldOutTenthFollowsGradConsMnistProtocol() {
        LabelledImages train = tagged(1000, 0);
        LabelledImages test = tagged(200, 100_000);
        OneClassSplit s = OneClassSplit.heldOutTenth(train, test, 3, 42);
        assertEquals(100, s.train().size(0) + s.validation().size(0), "every training image of class 3");
        assertEquals(10, s.validation().size(0), "10% for validation");
        Set<Integer> tr = ids(s.train());
        tr.retainAll(ids(s.validation()));
        assertTrue(tr.isEmpty(), "training and validation are disjoint");
        for (INDArray x : List.of(s.train(), s.validation())) {
            for (int i = 0; i < x.size(0); i++) {
                assertEquals(3, classOf(x, i));
            }
        }
        assertEquals(40, s.test().size(0), "the 20 test images of class 3 and 20 outliers");
        ids(s.test());
        for (int i = 0; i < s.test().size(0); i++) {
            assertEquals(s.novel()[i], classOf(s.test(), i) != 3, "row " + i);
        }
        OneClassSplit again = OneClassSplit.heldOutTenth(train, test, 3, 42);
        assertTrue(again.test().equals(s.test()) && again.validation().equals(s.validation()), "same seed, same split");
        assertFalse(OneClassSplit.heldOutTenth(train, test, 3, 43).test().equals(s.test()), "another seed, other outliers");
    }

    @Test
    void fiveFoldsPoolsTrainAndTest() {
        LabelledImages train = tagged(1000, 0);
        LabelledImages test = tagged(500, 100_000);
        OneClassSplit s = OneClassSplit.fiveFolds(train, test, 5, 7);
        // 150 pooled images of class 5: folds of 30
        assertEquals(90, s.train().size(0));
        assertEquals(30, s.validation().size(0));
        assertEquals(60, s.test().size(0));
        Set<Integer> all = ids(org.nd4j.linalg.factory.Nd4j.concat(0, s.train(), s.validation(), s.test()));
        assertEquals(180, all.size(), "no image in two folds");
        assertTrue(all.stream().anyMatch(id -> id >= 100_000) && all.stream().anyMatch(id -> id < 100_000), "train and test pooled");
        for (int i = 0; i < s.test().size(0); i++) {
            assertEquals(s.novel()[i], classOf(s.test(), i) != 5);
        }
    }

    @Test
    void aClassWithoutImagesIsRefused() {
        LabelledImages train = tagged(1000, 0);
        LabelledImages noSevens = new LabelledImages(Nd4j.zeros(DataType.FLOAT, 3, 1, 28, 28), new int[] {0, 1, 2}, TEN);
        assertThrows(IllegalArgumentException.class, () -> OneClassSplit.heldOutTenth(noSevens, train, 7, 1));
    }
}
