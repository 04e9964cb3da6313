package org.explain4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.explain4j.core.imports.ModelFiles;
import org.explain4j.core.model.ExplainableModel;
import org.explain4j.core.model.ShippedModel;
import org.explain4j.seismic.nets.SeismicNet;

/** The seismic classifier a command uses: --model FILE, else models/seismic.fb when trained here, else the shipped one. */
record SeismicModels(ExplainableModel model, String name, Path file) {

    static final Path TRAINED = Path.of("models/seismic.fb");

    static SeismicModels open(CommandLine line) throws java.io.IOException {
        Path own = Path.of(line.getOptionValue("model", TRAINED.toString()));
        if (line.hasOption("model") || Files.isRegularFile(own)) {
            return new SeismicModels(ModelFiles.open(own, null, null), own.toString(), own);
        }
        return new SeismicModels(ShippedModel.load(SeismicNet.class, SeismicNet.SHIPPED_MODEL), "shipped seismic classifier",
                Path.of("seismic.fb"));
    }

    /** Class names or indices of the model, as the command line gives them. */
    int classOf(String text, String option) {
        return RecognitionInputs.classOf(model, text, option);
    }
}
