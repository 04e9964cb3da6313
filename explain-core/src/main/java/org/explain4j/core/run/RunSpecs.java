package org.explain4j.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ModelCard;

/** Reads, writes and carries out {@link RunSpec}s. */
public final class RunSpecs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunSpecs() {
    }

    public static String toJson(RunSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RunSpec fromJson(String json) {
        try {
            return JSON.readValue(json, RunSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run specification: " + e.getOriginalMessage(), e);
        }
    }

    /** Loads the spec's model and builds its method and runner. */
    public static Runner runner(RunSpec spec) {
        ModelCard overrides = ModelCard.empty().withInputVariable(spec.inputVariable()).withOutputVariable(spec.outputVariable());
        ExplainableModel model = ModelFiles.open(Path.of(spec.model()), overrides, spec.labels() == null ? null : Path.of(spec.labels()));
        AttributionMethod method = spec.method().create(new GradientEngine(model));
        return new Runner(method, spec.policy(), spec.batchSize());
    }
}
