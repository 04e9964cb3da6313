package org.explain4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.attribution.AttributionMethod;
import org.explain4j.core.attribution.MethodSpec;
import org.explain4j.core.gradient.GradientEngine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.seismic.nets.SeismicNet;
import org.explain4j.seismic.section.SectionExplainer;

/** The seismic classifier a command uses: --model FILE, else models/seismic.fb when trained here, else the shipped one. */
public record SeismicModels(ExplainableModel model, String name, Path file) {

    static final Path TRAINED = Path.of("models/seismic.fb");

    public static SeismicModels open(CommandLine line) throws java.io.IOException {
        Path own = Path.of(line.getOptionValue("model", TRAINED.toString()));
        if (line.hasOption("model") || Files.isRegularFile(own)) {
            return new SeismicModels(ModelFiles.open(own, null, null), own.toString(), own);
        }
        return new SeismicModels(ShippedModel.load(SeismicNet.class, SeismicNet.SHIPPED_MODEL), "shipped seismic classifier",
                Path.of("seismic.fb"));
    }

    /** The section explainer the command line asks for: --method (and its settings), --stride (8), --batch (32). */
    public SectionRun sectionRun(CommandLine line) {
        MethodSpec spec = MethodArguments.spec(line, MethodArguments.layer(line, model, file));
        AttributionMethod method = MethodArguments.create(spec, new GradientEngine(model));
        int batch = Arguments.positiveInt(line, "batch", 32);
        int stride = Arguments.positiveInt(line, "stride", 8);
        int patch;
        try {
            patch = SectionExplainer.patchOf(model);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
        if (stride > patch) {
            throw new UsageException("--stride " + stride + " leaves pixels between the " + patch + "x" + patch + " windows unexplained; use at most " + patch);
        }
        return new SectionRun(new SectionExplainer(method, stride, batch), spec, batch);
    }

    /** A section explainer with the method's settings and batch size, for reports. */
    public record SectionRun(SectionExplainer explainer, MethodSpec spec, int batch) {

        public String methodName() {
            return spec.method() == null ? "gradcam" : spec.method();
        }

        /** Refuses a section size the windows do not fit, as a usage error. */
        void check(int traces, int samples) {
            try {
                explainer.windows(traces, samples);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    /** Class names or indices of the model, as the command line gives them. */
    public int classOf(String text, String option) {
        return RecognitionInputs.classOf(model, text, option);
    }
}
