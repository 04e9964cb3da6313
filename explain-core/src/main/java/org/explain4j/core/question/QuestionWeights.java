package org.explain4j.core.question;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The placeholder values that make one compiled graph answer a batch of built-in questions. */
public final class QuestionWeights {

    private QuestionWeights() {
    }

    /** U and V, each [B, numClasses]. Throws with a clear message for a class out of range. */
    public static INDArray[] forClasses(List<ClassQuestion> questions, int numClasses, DataType type) {
        int k = questions.size();
        float[] u = new float[k * numClasses];
        float[] v = new float[k * numClasses];
        float[] rowU = new float[numClasses];
        float[] rowV = new float[numClasses];
        for (int b = 0; b < k; b++) {
            ClassQuestion q = questions.get(b);
            checkClasses(q, numClasses);
            java.util.Arrays.fill(rowU, 0f);
            java.util.Arrays.fill(rowV, 0f);
            q.weights(rowU, rowV);
            System.arraycopy(rowU, 0, u, b * numClasses, numClasses);
            System.arraycopy(rowV, 0, v, b * numClasses, numClasses);
        }
        // One flat copy each: a float[K][classes] goes to native memory row by row.
        return new INDArray[] {Nd4j.createFromArray(u).reshape(k, numClasses).castTo(type),
            Nd4j.createFromArray(v).reshape(k, numClasses).castTo(type)};
    }

    /** u, v and t, each [B, 1]. */
    public static INDArray[] forScores(List<ScoreQuestion> questions, DataType type) {
        float[][] u = new float[questions.size()][1];
        float[][] v = new float[questions.size()][1];
        float[][] t = new float[questions.size()][1];
        for (int b = 0; b < questions.size(); b++) {
            ScoreQuestion q = questions.get(b);
            u[b][0] = q.u();
            v[b][0] = q.v();
            t[b][0] = q.target();
        }
        return new INDArray[] {
            Nd4j.createFromArray(u).castTo(type), Nd4j.createFromArray(v).castTo(type), Nd4j.createFromArray(t).castTo(type)};
    }

    /** Every class a question names must be one of the model's. */
    public static void checkClasses(ClassQuestion q, int numClasses) {
        for (int c : q.classes()) {
            checkClass(c, numClasses);
        }
    }

    public static void checkClass(int c, int numClasses) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException("class index " + c + " is out of range: the model has " + numClasses
                    + " classes (0.." + (numClasses - 1) + ")");
        }
    }
}
