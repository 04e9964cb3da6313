package org.explain4j.datasets.iterators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.explain4j.datasets.LabelledImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class LabelledImagesIteratorTest {

    /** Ten 1x2x2 images whose every pixel is the image's index, labelled index % 3. */
    private static LabelledImages tenImages() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 10, 1, 2, 2);
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).assign(i);
            labels[i] = i % 3;
        }
        return new LabelledImages(x, labels, List.of("a", "b", "c"));
    }

    private static List<Integer> epoch(LabelledImagesIterator it) {
        List<Integer> seen = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            for (int r = 0; r < ds.numExamples(); r++) {
                int index = (int) ds.getFeatures().getFloat(r, 0, 0, 0);
                seen.add(index);
                assertEquals(1f, ds.getLabels().getFloat(r, index % 3), "one-hot label of image " + index);
                assertEquals(1f, ds.getLabels().getRow(r).sumNumber().floatValue());
            }
        }
        return seen;
    }

    @Test
    void fileOrderInMinibatchesWithAShortLastOne() {
        LabelledImagesIterator it = new LabelledImagesIterator(tenImages(), 4);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch(it));
        assertThrows(NoSuchElementException.class, it::next);
        it.reset();
        assertArrayEquals(new long[] {4, 1, 2, 2}, it.next().getFeatures().shape());
        assertEquals(3, it.totalOutcomes());
        assertEquals(4, it.inputColumns());
    }

    @Test
    void seededShuffleVisitsEverySampleOncePerEpochAndRepeats() {
        LabelledImagesIterator a = new LabelledImagesIterator(tenImages(), 3, 5L);
        LabelledImagesIterator b = new LabelledImagesIterator(tenImages(), 3, 5L);
        List<Integer> first = epoch(a);
        assertEquals(first, epoch(b), "same seed, same order");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), first.stream().sorted().toList());
        a.reset();
        List<Integer> second = epoch(a);
        assertNotEquals(first, second, "a new order each epoch");
        assertEquals(45, second.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void preprocessorIsApplied() {
        LabelledImagesIterator it = new LabelledImagesIterator(tenImages(), 10);
        it.setPreProcessor(ds -> ds.getFeatures().muli(2));
        assertEquals(18f, it.next().getFeatures().getFloat(9, 0, 1, 1));
        assertFalse(it.hasNext());
    }
}
