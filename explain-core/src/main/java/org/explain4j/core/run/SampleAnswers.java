package org.explain4j.core.run;

import java.util.List;
import org.explain4j.core.attribution.Explanation;
import org.explain4j.core.attribution.Forward;
import org.explain4j.core.io.ModelInput;

/**
 * Everything a run answered about one input: its source, the loaded input, the forward pass of its batch
 * (the input is sample {@code sample} there) and its explanations in the policy's order. {@code input} is null for
 * inputs that came pre-batched ({@link Runner.Batches}): the forward's input holds them.
 */
public record SampleAnswers(Source source, ModelInput input, Forward forward, int sample, List<Explanation> explanations) {
}
