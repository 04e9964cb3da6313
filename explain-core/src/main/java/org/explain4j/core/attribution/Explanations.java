package org.explain4j.core.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.explain4j.core.question.Question;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The answers of one call, sharing their batch arrays. */
public final class Explanations {

    private Explanations() {
    }

    public static List<Explanation> of(int[] samples, List<Question> questions, String method, Space space, INDArray maps,
                                       Map<String, INDArray> details) {
        List<Explanation> out = new ArrayList<>(samples.length);
        for (int i = 0; i < samples.length; i++) {
            out.add(new Explanation(samples[i], questions.get(i), method, space, maps, i, details));
        }
        return out;
    }
}
