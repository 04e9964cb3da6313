package org.explain4j.core.attribution;

import java.util.ArrayList;
import java.util.List;
import org.explain4j.core.question.Question;

/** One question about one sample of a batch. */
public record Asked(int sample, Question question) {

    /** Question i about sample i, for a batch of {@code batchSize} samples. */
    public static List<Asked> onePerRow(long batchSize, List<? extends Question> questions) {
        if (batchSize != questions.size()) {
            throw new IllegalArgumentException("one question per sample: the batch has " + batchSize
                    + " samples but " + questions.size() + " questions were asked");
        }
        List<Asked> asked = new ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            asked.add(new Asked(i, questions.get(i)));
        }
        return asked;
    }
}
