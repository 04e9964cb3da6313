package org.explain4j.recognition.novelty.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.explain4j.core.train.Permutations;
import org.explain4j.datasets.LabelledImages;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One one-class set-up of GradCON's protocol (REFERENCE.md §2): training and validation images of the inlier class,
 * and a test set of inliers plus an equal number of outliers from the other classes ({@code novel} marks them).
 * GradCON sets no seed, so its splits cannot be reproduced; these take an explicit one.
 */
public record OneClassSplit(int inlier, INDArray train, INDArray validation, INDArray test, boolean[] novel) {

    /**
     * MNIST (and CIFAR-10) style: the training split shuffled, the inlier class's images in that order, the first
     * 10% for validation and the rest for training; the test inliers are all test images of the class, the outliers
     * the first as many of a shuffled list of the other classes' test images.
     */
    public static OneClassSplit heldOutTenth(LabelledImages train, LabelledImages test, int inlier, long seed) {
        Random rng = new Random(seed);
        List<Integer> in = ofClass(train, Permutations.of(train.size(), rng), inlier, true);
        int val = in.size() / 10;
        List<Integer> testIn = ofClass(test, identity(test.size()), inlier, true);
        List<Integer> testOut = ofClass(test, Permutations.of(test.size(), rng), inlier, false).subList(0, testIn.size());
        return new OneClassSplit(inlier, rows(train.images(), in.subList(val, in.size())), rows(train.images(), in.subList(0, val)),
                testSet(test.images(), testIn, test.images(), testOut), novelFlags(testIn.size(), testOut.size()));
    }

    /**
     * Fashion-MNIST style: training and test images pooled (70,000), each class shuffled and cut in five folds:
     * folds 0-2 train, fold 3 validation, fold 4 test. Test outliers: the first as many of a shuffled list of the
     * other classes' fold-4 images.
     */
    public static OneClassSplit fiveFolds(LabelledImages train, LabelledImages test, int inlier, long seed) {
        Random rng = new Random(seed);
        int classes = train.classNames().size();
        INDArray pooled = Nd4j.concat(0, train.images(), test.images());
        int[] labels = new int[train.size() + test.size()];
        System.arraycopy(train.labels(), 0, labels, 0, train.size());
        System.arraycopy(test.labels(), 0, labels, train.size(), test.size());
        List<List<Integer>> folds = new ArrayList<>();
        for (int f = 0; f < 5; f++) {
            folds.add(new ArrayList<>());
        }
        List<Integer> trainIn = new ArrayList<>();
        List<Integer> valIn = new ArrayList<>();
        List<Integer> testIn = new ArrayList<>();
        List<Integer> otherTest = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i : Permutations.of(labels.length, rng)) {
                if (labels[i] == c) {
                    members.add(i);
                }
            }
            int fold = members.size() / 5;
            if (c == inlier) {
                trainIn.addAll(members.subList(0, 3 * fold));
                valIn.addAll(members.subList(3 * fold, 4 * fold));
                testIn.addAll(members.subList(4 * fold, members.size()));
            } else {
                otherTest.addAll(members.subList(4 * fold, members.size()));
            }
        }
        List<Integer> testOut = new ArrayList<>();
        for (int i : Permutations.of(otherTest.size(), rng)) {
            testOut.add(otherTest.get(i));
        }
        testOut = testOut.subList(0, Math.min(testIn.size(), testOut.size()));
        return new OneClassSplit(inlier, rows(pooled, trainIn), rows(pooled, valIn), testSet(pooled, testIn, pooled, testOut),
                novelFlags(testIn.size(), testOut.size()));
    }

    private static List<Integer> ofClass(LabelledImages data, int[] order, int inlier, boolean member) {
        List<Integer> out = new ArrayList<>();
        for (int i : order) {
            if ((data.labels()[i] == inlier) == member) {
                out.add(i);
            }
        }
        if (member && out.isEmpty()) {
            throw new IllegalArgumentException("class " + inlier + " has no images");
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static INDArray rows(INDArray images, List<Integer> rows) {
        return images.get(NDArrayIndex.indices(rows.stream().mapToLong(Integer::longValue).toArray())).dup();
    }

    private static INDArray testSet(INDArray a, List<Integer> in, INDArray b, List<Integer> out) {
        return Nd4j.concat(0, rows(a, in), rows(b, out));
    }

    private static boolean[] novelFlags(int inliers, int outliers) {
        boolean[] novel = new boolean[inliers + outliers];
        for (int i = inliers; i < novel.length; i++) {
            novel[i] = true;
        }
        return novel;
    }
}
