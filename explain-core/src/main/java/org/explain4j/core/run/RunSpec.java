package org.explain4j.core.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.explain4j.core.attribution.MethodSpec;

/**
 * A run described as plain data (JSON-serialisable, see {@link RunSpecs}): the model file (SameDiff or
 * ONNX; optional input / output variable names and a labels file), the method with its settings, the
 * question policy and the batch size. What a distributed job ships to its workers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSpec(String model, String inputVariable, String outputVariable, String labels, MethodSpec method,
                      QuestionPolicy policy, int batchSize) {
}
